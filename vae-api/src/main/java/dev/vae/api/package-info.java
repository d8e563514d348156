/**
 * Values exchanged between the framework and its plugins: parameter specifications and values, the
 * layout of the latent code, and the graph terms from which bounds are formed.
 */
package dev.vae.api;
