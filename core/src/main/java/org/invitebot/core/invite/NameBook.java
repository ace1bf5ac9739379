package org.invitebot.core.invite;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.Collectors;

import com.github.benmanes.caffeine.cache.CacheLoader;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import com.github.benmanes.caffeine.cache.Ticker;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.invitebot.core.policy.InvitationNames;
import org.invitebot.core.port.Authentik;
import org.invitebot.core.port.AuthentikException;
import org.invitebot.core.port.Invitation;

/**
 * The invitation names in use, so a new invitation gets a free name without listing Authentik's
 * invitations for every command (ADR 0012). Authentik's names are read in full on first use and again
 * in the background once the last read is {@code refreshAfter} old; a name the bot gives out counts as
 * taken from that moment until a read that started after its invitation was made has taken over.
 */
final class NameBook {

    private static final Duration DEFAULT_REFRESH = Duration.ofSeconds(60);

    private static final Logger LOG = LoggerFactory.getLogger(NameBook.class);
    private static final long IN_FLIGHT = Long.MAX_VALUE;

    private final Authentik authentik;
    private final Ticker ticker;
    /** One entry: what the last read of Authentik found. */
    private final LoadingCache<Authentik, Read> inAuthentik;
    /** Name → ticker time its create ended ({@link #IN_FLIGHT} while under way). */
    private final Map<String, Long> given = new ConcurrentHashMap<>();
    /** The newest read claims have used: a claim that got an older one from the cache must not go back to it. */
    private Read newest = new Read(Set.of(), Long.MIN_VALUE);

    NameBook(Authentik authentik, Duration refreshAfter, Ticker ticker, Executor refresher) {
        this.authentik = authentik;
        this.ticker = ticker;
        this.inAuthentik = Caffeine.newBuilder()
                .refreshAfterWrite(refreshAfter)
                .ticker(ticker)
                .executor(refresher)
                .build(new NameReader());
    }

    NameBook(Authentik authentik) {
        this(authentik, DEFAULT_REFRESH, Ticker.systemTicker(), ForkJoinPool.commonPool());
    }

    /**
     * A name based on {@code base} that no invitation has and no other command holds; held until
     * {@link #settle}.
     *
     * @throws AuthentikException when Authentik's names have never been read and cannot be now
     */
    String claim(String base) {
        Read read = inAuthentik.get(authentik);
        synchronized (given) {
            if (read.startedAt() > newest.startedAt()) {
                newest = read;
            }
            given.values().removeIf(ended -> ended < newest.startedAt());
            String name = InvitationNames.unique(base, candidate -> newest.names().contains(candidate) || given.containsKey(candidate));
            given.put(name, IN_FLIGHT);
            return name;
        }
    }

    /**
     * Holds a name a command reserved before a restart, so no other command is given it meanwhile;
     * under the claims' lock, so a claim under way cannot hand it out between its check and its hold.
     */
    void hold(String name) {
        synchronized (given) {
            given.put(name, IN_FLIGHT);
        }
    }

    /**
     * The create for {@code name} has ended, made or not: it stays taken until Authentik's names are read
     * again, as a create whose answer was lost may still have made it.
     */
    void settle(String name) {
        given.put(name, ticker.read());
    }

    private record Read(Set<String> names, long startedAt) {
    }

    private final class NameReader implements CacheLoader<Authentik, Read> {

        @Override
        public Read load(Authentik source) {
            long startedAt = ticker.read();
            return new Read(source.invitations().stream().map(Invitation::name).collect(Collectors.toUnmodifiableSet()), startedAt);
        }

        /** Authentik down at refresh time: keep the names known and try again after the next interval. */
        @Override
        public Read reload(Authentik source, Read old) {
            try {
                return load(source);
            } catch (AuthentikException e) {
                LOG.warn("could not re-read Authentik's invitation names, keeping the {} known: {}", old.names().size(),
                        e.getMessage());
                return old;
            }
        }
    }
}
