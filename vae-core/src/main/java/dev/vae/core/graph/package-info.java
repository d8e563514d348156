/**
 * The model as one SameDiff graph: encoder and decoder networks, the plugins wired between them, and
 * every weight that a component declares. Internal to the module.
 */
package dev.vae.core.graph;
