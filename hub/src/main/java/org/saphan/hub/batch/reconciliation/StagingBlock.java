package org.saphan.hub.batch.reconciliation;

import java.util.Set;

/**
 * One item of the load step: up to chunk-size consecutive good detail lines of the file, already
 * encoded as {@code settlement_staging} rows in PostgreSQL's binary COPY format (see {@link
 * StagingRows}), so the chunk's transaction only has to stream them.
 *
 * @param rows the encoded rows, {@code [0, length)}
 * @param lines how many lines the block holds
 * @param billers the biller ids the block's lines name (non-blank)
 */
public record StagingBlock(byte[] rows, int length, int lines, Set<String> billers) {}
