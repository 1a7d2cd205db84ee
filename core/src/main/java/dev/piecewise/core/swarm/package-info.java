/**
 * What a comparison swarm is made of and what one run of it produced, whichever kind of swarm ran it: the
 * simulator ({@code dev.piecewise.core.sim}) and the lab of real engines ({@code dev.piecewise.core.lab}) take the same
 * {@link dev.piecewise.core.swarm.SwarmPlan} and report the same {@link dev.piecewise.core.swarm.RunOutcome}, so the
 * metrics and reports of {@code dev.piecewise.core.compare} are computed one way for both.
 */
package dev.piecewise.core.swarm;
