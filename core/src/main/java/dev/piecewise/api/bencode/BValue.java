package dev.piecewise.api.bencode;

/** A bencoded value: a byte string, an integer, a list or a dictionary. */
public sealed interface BValue permits BString, BInteger, BList, BDictionary {
}
