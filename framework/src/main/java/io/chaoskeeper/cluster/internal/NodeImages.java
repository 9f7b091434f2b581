package io.chaoskeeper.cluster.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import io.chaoskeeper.cluster.EnsembleException;
import io.chaoskeeper.cluster.internal.clock.AgentFingerprint;
import io.chaoskeeper.cluster.internal.clock.AgentJar;
import io.chaoskeeper.cluster.internal.clock.ClockAgent;
import io.chaoskeeper.cluster.internal.local.SpareJar;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node images, built on this engine without any registry. A base image (JRE, iptables, iproute2/tc,
 * and Python with libnetfilter_queue for the packet shaper) is imported once from a {@code mmdebstrap} root file
 * system; a node image per ZooKeeper version adds the server's jars and the clock agent built for them, copied in
 * through the build context (so a remote engine works too). Node images are tagged by version and a hash of
 * everything that goes into them, so a second run finds and reuses them.
 */
public final class NodeImages {

    /** The base image, built from {@link #MMDEBSTRAP}; its tag changes whenever that package list does. */
    public static final String BASE = "chaoskeeper/base:bookworm-v2";
    /** Where a node image keeps the server's jars; a user's own image ({@code withImage}) must use it too. */
    public static final String LIB_DIR = "/opt/zookeeper/lib";
    /** The node image's class-data archive of the server's startup classes; used when present. */
    public static final String CDS_ARCHIVE = "/opt/zookeeper/server.jsa";
    /** The node image's clock agent ({@link ClockAgent}); a node runs with it when present. */
    public static final String CLOCK_AGENT = "/opt/chaoskeeper/clock-agent.jar";
    /** The node image's spare launcher ({@code SpareServer}), which a warm spare container runs ({@link DockerSpares}). */
    public static final String SPARE_SERVER = "/opt/chaoskeeper/spare-server.jar";
    /** The file the clock agent reads its offset from; the agent creates its directory when it starts. */
    public static final String CLOCK_FILE = "/run/chaoskeeper/clock";

    static final String REPOSITORY = "chaoskeeper/zookeeper";
    static final List<String> MMDEBSTRAP = List.of("mmdebstrap", "--variant=apt",
            "--include=openjdk-17-jre-headless,iptables,iproute2,procps,netcat-openbsd,"
                    + "python3,libnetfilter-queue1", "bookworm", "-");

    private static final String AGENT_IN_CONTEXT = "clock-agent.jar";
    private static final String SPARE_IN_CONTEXT = "spare-server.jar";
    private static final Logger LOG = LoggerFactory.getLogger(NodeImages.class);
    private static final Object IN_THIS_JVM = new Object();

    private NodeImages() {
    }

    /** The tag of a ready node image for this ZooKeeper version, resolving its jars and building what is missing. */
    public static String ensure(DockerClient docker, String version) {
        return ensure(docker, version, ServerJars.resolve(version));
    }

    /** The tag of a ready node image for this ZooKeeper version and its resolved jars, building what is missing. */
    public static String ensure(DockerClient docker, String version, List<Path> jars) {
        // Two JVMs on this host build one after the other; a JVM on another host sharing the engine may still
        // build the same image at the same time, which is harmless: builds are tagged only when complete.
        synchronized (IN_THIS_JVM) {
            try (FileChannel lockFile = FileChannel.open(lockPath(), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock lock = lockFile.lock()) {
                String baseId = ensureBase(docker, BASE, MMDEBSTRAP);
                String dockerfile = dockerfile(BASE, version);
                Map<String, Path> files = new LinkedHashMap<>();
                jars.forEach(jar -> files.put("lib/" + jar.getFileName(), jar));
                files.put(SPARE_IN_CONTEXT, SpareJar.in(Files.createDirectories(lockPath().resolveSibling(
                        "chaoskeeper-spare-jars-" + System.getProperty("user.name")))));
                // the agent jar is a function of the server's jars (hashed below) and the agent's own code, so its
                // fingerprint stands for it: weaving it takes 0.4 s in a fresh JVM, spent only when building
                String tag = REPOSITORY + ":" + version + "-"
                        + contentHash(baseId, dockerfile + AgentFingerprint.of(), files);
                if (!exists(docker, tag)) {
                    LOG.info("Building node image {} ({} jars)", tag, jars.size());
                    Path work = Files.createTempDirectory("chaoskeeper-node");
                    try {
                        files.put(AGENT_IN_CONTEXT, Files.write(work.resolve(AGENT_IN_CONTEXT), AgentJar.build(jars)));
                        build(docker, buildContext(work, dockerfile, files), tag);
                    } finally {
                        Files.deleteIfExists(work.resolve("context.tar"));
                        Files.deleteIfExists(work.resolve(AGENT_IN_CONTEXT));
                        Files.deleteIfExists(work);
                    }
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

    /**
     * Builds the base image from a {@code mmdebstrap} tarball with {@code FROM scratch} + {@code ADD}, which equals
     * {@code docker import -c 'ENV LANG=C.UTF-8'}. Not docker-java's import command: it sends the tar as JSON.
     */
    private static void importBase(DockerClient docker, String tag, List<String> command) throws IOException {
        LOG.info("Building base image {} with {} (once; about half a minute)", tag, command.get(0));
        Path work = Files.createTempDirectory("chaoskeeper-base");
        try {
            Path rootfs = work.resolve("rootfs.tar");
            Path errors = work.resolve("mmdebstrap.log");
            Process process = new ProcessBuilder(command).redirectOutput(rootfs.toFile())
                    .redirectError(errors.toFile()).start();
            if (process.waitFor() != 0) {
                throw new EnsembleException("Building the base image failed: " + String.join(" ", command)
                        + " exited with " + process.exitValue() + " (" + lastLine(errors) + ").");
            }
            build(docker, buildContext(work, "FROM scratch\nADD rootfs.tar /\nENV LANG=C.UTF-8\n",
                    Map.of("rootfs.tar", rootfs)), tag);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EnsembleException("Interrupted while building the base image " + tag + ".", e);
        } finally {
            try (var files = Files.walk(work)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private static String lastLine(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        return lines.isEmpty() ? "no output" : lines.get(lines.size() - 1);
    }

    /**
     * The node image: the jars, then a class-data archive of what a server loads up to leading a quorum of one
     * (dumped when the trial server is stopped), which cuts the CPU of every node start by about 40%: on a busy
     * 2-core machine that is most of an ensemble's start. A failed trial leaves no archive, and nodes start without.
     */
    static String dockerfile(String base, String version) {
        return "FROM " + base + "\n"
                + "COPY lib/ " + LIB_DIR + "/\n"
                + "COPY " + AGENT_IN_CONTEXT + " " + CLOCK_AGENT + "\n"
                + "COPY " + SPARE_IN_CONTEXT + " " + SPARE_SERVER + "\n"
                + "RUN set -f; mkdir -p /tmp/cds/data && echo 1 > /tmp/cds/data/myid"
                + " && printf 'tickTime=200\\ninitLimit=10\\nsyncLimit=5\\ndataDir=/tmp/cds/data\\nclientPort=2181\\n"
                + "standaloneEnabled=false\\nadmin.enableServer=false\\nserver.1=127.0.0.1:2888:3888\\n'"
                + " > /tmp/cds/zoo.cfg"
                + " && (timeout -k 60 -s TERM 10 java -XX:ArchiveClassesAtExit=" + CDS_ARCHIVE
                + " -Xmx256m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp '" + LIB_DIR + "/*'"
                + " org.apache.zookeeper.server.quorum.QuorumPeerMain /tmp/cds/zoo.cfg > /dev/null 2>&1 || true)"
                + " && rm -rf /tmp/cds\n"
                + "LABEL " + Ownership.LABEL + "=true io.chaoskeeper.zookeeper.version=" + version + "\n";
    }

    /** A short hash of the base image, the recipe (Dockerfile and agent) and every file's name and bytes. */
    static String contentHash(String baseId, String recipe, Map<String, Path> files) throws IOException {
        MessageDigest sha = sha256();
        sha.update(baseId.getBytes(StandardCharsets.UTF_8));
        sha.update(recipe.getBytes(StandardCharsets.UTF_8));
        for (Map.Entry<String, Path> file : files.entrySet()) {
            sha.update(file.getKey().getBytes(StandardCharsets.UTF_8));
            sha.update(sha256().digest(Files.readAllBytes(file.getValue())));
        }
        return HexFormat.of().formatHex(sha.digest()).substring(0, 12);
    }

    /** Writes a build context (a Dockerfile and {@code files} by their names in it) as a tar file in {@code dir}. */
    private static Path buildContext(Path dir, String dockerfile, Map<String, Path> files) throws IOException {
        Path context = dir.resolve("context.tar");
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(Files.newOutputStream(context))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            byte[] text = dockerfile.getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry entry = new TarArchiveEntry("Dockerfile");
            entry.setSize(text.length);
            tar.putArchiveEntry(entry);
            tar.write(text);
            tar.closeArchiveEntry();
            for (Map.Entry<String, Path> file : files.entrySet()) {
                tar.putArchiveEntry(tar.createArchiveEntry(file.getValue(), file.getKey()));
                Files.copy(file.getValue(), tar);
                tar.closeArchiveEntry();
            }
        }
        return context;
    }

    private static void build(DockerClient docker, Path context, String tag) throws IOException {
        try (InputStream in = Files.newInputStream(context)) {
            String id = docker.buildImageCmd(in)
                    .withTags(Set.of(tag))
                    .withPull(false)
                    .withRemove(true)
                    .exec(new BuildImageResultCallback())
                    .awaitImageId(10, TimeUnit.MINUTES);
            LOG.info("Built image {} ({})", tag, id);
        }
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
        // per user: a lock file another user created would not be writable
        return Paths.get(System.getProperty("java.io.tmpdir"),
                "chaoskeeper-images-" + System.getProperty("user.name") + ".lock");
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new UncheckedIOException(new IOException(e));
        }
    }
}
