/**
 * Bencoding (BEP 3), strict in both directions: the value model ({@link dev.piecewise.api.bencode.BValue}), a
 * decoder with limits against hostile input ({@link dev.piecewise.api.bencode.BencodeDecoder},
 * {@link dev.piecewise.api.bencode.BencodeLimits}) whose only failure is a checked
 * {@link dev.piecewise.api.bencode.BencodeException} naming the byte offset, prefix decoding for BEP 9 messages,
 * capture of an entry's exact bytes (the info-hash), and a canonical encoder. Start at
 * {@link dev.piecewise.api.bencode.Bencode}. Exported because tracker transports parse bencoded answers.
 */
package dev.piecewise.api.bencode;
