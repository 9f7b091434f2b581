package io.chaoskeeper.cluster.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import io.chaoskeeper.cluster.EnsembleException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node images, built on this engine without any registry. A base image (JRE, iptables, iproute2/tc, faketime)
 * is imported once from a {@code mmdebstrap} root file system; a node image per ZooKeeper version adds the server's
 * jars, copied in through the build context (so a remote engine works too). Node images are tagged by version and a
 * hash of everything that goes into them, so a second run finds and reuses them.
 */
public final class NodeImages {

    /** The base image; {@code bin/provision} builds the same one with the same recipe, and either reuses it. */
    public static final String BASE = "chaoskeeper/base:bookworm-v1";
    /** Where a node image keeps the server's jars; a user's own image ({@code withImage}) must use it too. */
    public static final String LIB_DIR = "/opt/zookeeper/lib";

    static final String REPOSITORY = "chaoskeeper/zookeeper";
    static final List<String> MMDEBSTRAP = List.of("mmdebstrap", "--variant=apt",
            "--include=openjdk-17-jre-headless,iptables,iproute2,faketime,procps,netcat-openbsd", "bookworm", "-");

    private static final Logger LOG = LoggerFactory.getLogger(NodeImages.class);
    private static final Object IN_THIS_JVM = new Object();

    private NodeImages() {
    }

    /** The tag of a ready node image for this ZooKeeper version, building what is missing. */
    public static String ensure(DockerClient docker, String version) {
        List<Path> jars = ServerJars.resolve(version);
        // Two JVMs on this host build one after the other; a JVM on another host sharing the engine may still
        // build the same image at the same time, which is harmless: builds are tagged only when complete.
        synchronized (IN_THIS_JVM) {
            try (FileChannel lockFile = FileChannel.open(lockPath(), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock lock = lockFile.lock()) {
                String baseId = ensureBase(docker, BASE, MMDEBSTRAP);
                String dockerfile = dockerfile(BASE, version);
                String tag = REPOSITORY + ":" + version + "-" + contentHash(baseId, dockerfile, jars);
                if (!exists(docker, tag)) {
                    LOG.info("Building node image {} ({} jars)", tag, jars.size());
                    build(docker, buildContext(dockerfile, jars), tag);
                }
                return tag;
            } catch (IOException e) {
                throw new EnsembleException("Cannot build the node image for ZooKeeper " + version + " ("
                        + e.getMessage() + ").", e);
            }
        }
    }

    /** The base image's id, importing it first with {@code mmdebstrapCommand} if the engine lacks it. */
    static String ensureBase(DockerClient docker, String tag, List<String> mmdebstrapCommand) throws IOException {
        if (!exists(docker, tag)) {
            if (!onPath(mmdebstrapCommand.get(0))) {
                throw new EnsembleException("The base image " + tag + " is missing and " + mmdebstrapCommand.get(0)
                        + " is not installed to build it: install mmdebstrap (apt-get install mmdebstrap;"
                        + " bin/provision does) or build the image with bin/provision.");
            }
            importBase(docker, tag, mmdebstrapCommand);
        }
        return docker.inspectImageCmd(tag).exec().getId();
    }

    private static void importBase(DockerClient docker, String tag, List<String> command) throws IOException {
        LOG.info("Building base image {} with {} (once; about half a minute)", tag, command.get(0));
        String rootfs = tag + "-rootfs-" + ProcessHandle.current().pid();
        Path errors = Files.createTempFile("chaoskeeper-mmdebstrap", ".log");
        Process process = new ProcessBuilder(command).redirectError(errors.toFile()).start();
        try (InputStream tar = process.getInputStream()) {
            String[] repoTag = rootfs.split(":", 2);
            docker.createImageCmd(repoTag[0], tar).withTag(repoTag[1]).exec();
            if (process.waitFor() != 0) {
                throw new EnsembleException("Building the base image failed: " + String.join(" ", command)
                        + " exited with " + process.exitValue() + ", see " + errors + ".");
            }
            // docker import has no --change through the API: add the image config with a one-line build
            build(docker, tar("Dockerfile", ("FROM " + rootfs + "\nENV LANG=C.UTF-8\n")
                    .getBytes(StandardCharsets.UTF_8), List.of()), tag);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EnsembleException("Interrupted while building the base image " + tag + ".", e);
        } finally {
            process.destroy();
            try {
                docker.removeImageCmd(rootfs).exec();
            } catch (NotFoundException ignored) {
                // the import never happened
            }
        }
        Files.deleteIfExists(errors);
    }

    static String dockerfile(String base, String version) {
        return "FROM " + base + "\n"
                + "COPY lib/ " + LIB_DIR + "/\n"
                + "LABEL " + Ownership.LABEL + "=true io.chaoskeeper.zookeeper.version=" + version + "\n";
    }

    /** A short hash of the base image, the Dockerfile and every jar's name and bytes. */
    static String contentHash(String baseId, String dockerfile, List<Path> jars) throws IOException {
        MessageDigest sha = sha256();
        sha.update(baseId.getBytes(StandardCharsets.UTF_8));
        sha.update(dockerfile.getBytes(StandardCharsets.UTF_8));
        for (Path jar : jars) {
            sha.update(jar.getFileName().toString().getBytes(StandardCharsets.UTF_8));
            sha.update(sha256().digest(Files.readAllBytes(jar)));
        }
        return HexFormat.of().formatHex(sha.digest()).substring(0, 12);
    }

    private static byte[] buildContext(String dockerfile, List<Path> jars) throws IOException {
        return tar("Dockerfile", dockerfile.getBytes(StandardCharsets.UTF_8), jars);
    }

    /** A build context: one Dockerfile and the jars under {@code lib/}. */
    private static byte[] tar(String name, byte[] dockerfile, List<Path> jars) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            put(tar, name, dockerfile);
            for (Path jar : jars) {
                put(tar, "lib/" + jar.getFileName(), Files.readAllBytes(jar));
            }
        }
        return bytes.toByteArray();
    }

    private static void put(TarArchiveOutputStream tar, String name, byte[] content) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(content.length);
        entry.setMode(0644);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
    }

    private static void build(DockerClient docker, byte[] context, String tag) {
        String id = docker.buildImageCmd(new ByteArrayInputStream(context))
                .withTags(Set.of(tag))
                .withPull(false)
                .withRemove(true)
                .exec(new BuildImageResultCallback())
                .awaitImageId(5, TimeUnit.MINUTES);
        LOG.info("Built image {} ({})", tag, id);
    }

    static boolean exists(DockerClient docker, String image) {
        try {
            docker.inspectImageCmd(image).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    static boolean onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Paths.get(dir, command))) {
                return true;
            }
        }
        return false;
    }

    private static Path lockPath() {
        return Paths.get(System.getProperty("java.io.tmpdir"), "chaoskeeper-images.lock");
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new UncheckedIOException(new IOException(e));
        }
    }
}
