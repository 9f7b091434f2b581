package io.chaoskeeper.cluster.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.apache.zookeeper.client.FourLetterWordMain;
import org.apache.zookeeper.common.X509Exception;

/** Sends one four-letter word to an address with ZooKeeper's own client, {@link FourLetterWordMain}. */
public final class FourLetterWord {

    private FourLetterWord() {
    }

    /**
     * The answer of the server at {@code address} to {@code command} (it must be whitelisted in the server's config),
     * or "" when it does not answer within {@code timeout} (which bounds the connect and each read).
     */
    public static String ask(InetSocketAddress address, String command, Duration timeout) {
        int millis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
        try {
            String answer = FourLetterWordMain.send4LetterWord(address.getHostString(), address.getPort(), command,
                    false, millis);
            // it ends every line it read with a newline, also the last one where the server sent none ("imok")
            return answer.endsWith("\n") ? answer.substring(0, answer.length() - 1) : answer;
        } catch (IOException | X509Exception.SSLContextException e) {
            return "";
        }
    }
}
