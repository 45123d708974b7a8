package dev.skiff.store.embedded;

import dev.skiff.store.CompactedException;
import dev.skiff.store.WatchEvent;
import dev.skiff.store.support.WatchChannel;
import java.util.List;
import java.util.function.Consumer;

/**
 * A watch's backlog: the changes under a prefix with revision in (after, until], read from the log
 * in chunks, each chunk in its own snapshot so a long replay neither holds a connection nor pins
 * the write-ahead log. Each chunk first checks the compacted revision in its snapshot: if the next
 * revision to deliver has been compacted away meanwhile, the replay ends with
 * {@link CompactedException} rather than skip it.
 */
final class HistoryReplay implements WatchChannel.Backlog {

    private static final int CHUNK = 500;

    private final ReaderPool readers;
    private final byte[] from;
    private final byte[] to;
    private final long after;
    private final long until;

    HistoryReplay(ReaderPool readers, String prefix, long after, long until) {
        this.readers = readers;
        this.from = Keys.bytes(prefix);
        this.to = Keys.rangeEnd(from);
        this.after = after;
        this.until = until;
    }

    @Override
    public void replay(Consumer<WatchEvent> sink) {
        long delivered = after;
        while (delivered < until) {
            long position = delivered;
            List<LogRow> chunk = readers.read(reader -> {
                long compacted = reader.compactedRevision();
                if (position + 1 < compacted) {
                    throw new CompactedException(position + 1, compacted);
                }
                return reader.history(from, to, position, until, CHUNK);
            });
            for (LogRow row : chunk) {
                sink.accept(row.event());
            }
            delivered = chunk.size() < CHUNK ? until : chunk.get(chunk.size() - 1).revision();
        }
    }
}
