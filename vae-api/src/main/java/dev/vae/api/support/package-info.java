/** Optional helpers for writing plugins; nothing here is required by the SPIs. */
package dev.vae.api.support;
