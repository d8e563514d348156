/**
 * Plugins: discovery with {@link java.util.ServiceLoader} in the boot layer and in layers of plugin
 * folders, Guice binding by name, and the choice of a plugin with its parameters.
 */
package dev.vae.core.plugin;
