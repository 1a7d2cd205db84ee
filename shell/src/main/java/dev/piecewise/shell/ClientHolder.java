package dev.piecewise.shell;

import dev.piecewise.api.Client;
import dev.piecewise.api.ClientConfig;
import dev.piecewise.api.Piecewise;
import dev.piecewise.api.PiecewiseException;
import dev.piecewise.shell.command.CommandFailure;
import dev.piecewise.shell.command.CommandRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The client the shell started once at start-up, or why it could not start. Commands that need it fail with that
 * reason; the shell itself stays usable ({@code help}, {@code quit}).
 */
final class ClientHolder implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ClientHolder.class);

    private final Client client;
    private final String failure;
    private final ReentrantLock closing = new ReentrantLock();
    private boolean closed;

    private ClientHolder(Client client, String failure) {
        this.client = client;
        this.failure = failure;
    }

    /** Starts a client; never throws. */
    static ClientHolder start(ClientConfig config, String logLocation) {
        try {
            return new ClientHolder(Piecewise.start(config), null);
        } catch (PiecewiseException e) {
            log.info("the client did not start", e);
            return new ClientHolder(null, e.getMessage());
        } catch (RuntimeException | LinkageError e) {
            log.error(CommandRunner.SHOWN, "the client failed to start", e);
            return new ClientHolder(null, "unexpected error (" + e.getClass().getSimpleName() + "); see the log at "
                    + logLocation);
        }
    }

    /** The running client, if it started. */
    Optional<Client> running() {
        return Optional.ofNullable(client);
    }

    /** Why the client did not start, if it did not. */
    Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    /**
     * The client, for a command.
     *
     * @throws CommandFailure when it did not start
     */
    Client client() {
        if (client == null) {
            throw new CommandFailure("the client is not running (" + failure + ")");
        }
        return client;
    }

    /** Stops the client once (torrents stopped, trackers told), whoever asks first: quit, Ctrl-D or a signal. */
    @Override
    public void close() {
        closing.lock();
        try {
            if (closed || client == null) {
                return;
            }
            closed = true;
            client.close();
        } catch (RuntimeException e) {
            log.error("stopping the client failed", e);
        } finally {
            closing.unlock();
        }
    }
}
