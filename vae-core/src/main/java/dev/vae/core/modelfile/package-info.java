/**
 * The parts of a model file: the zip archive and its checks, the manifest, the configuration as JSON
 * and NumPy arrays. Internal to the module; {@code dev.vae.core.ModelFile} puts them together.
 */
package dev.vae.core.modelfile;
