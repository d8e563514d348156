/** Importance-sampled estimates of log p(x) and CUBO from a model graph. Internal to the module. */
package dev.vae.core.evaluation;
