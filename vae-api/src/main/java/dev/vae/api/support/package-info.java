/**
 * Optional helpers for writing plugins, none required by the SPIs: a base class for location-scale
 * families, shared log-densities, and reductions that survive ND4J's size-1 axes.
 */
package dev.vae.api.support;
