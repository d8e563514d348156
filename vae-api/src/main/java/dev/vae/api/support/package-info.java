/**
 * Optional helpers for writing plugins, none required by the SPIs: a base class for location-scale
 * families, shared log-densities, reductions that survive ND4J's size-1 axes, a stable softplus, and
 * a fully connected layer for components that own a small network.
 */
package dev.vae.api.support;
