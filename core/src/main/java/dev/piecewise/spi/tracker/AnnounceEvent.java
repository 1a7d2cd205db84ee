package dev.piecewise.spi.tracker;

/** The event an announce reports (BEP 3); {@link #NONE} for a regular re-announce. */
public enum AnnounceEvent { NONE, STARTED, COMPLETED, STOPPED }
