/** Network plugins: the dense {@code mlp} and the convolutional {@code conv}, for encoder and decoder. */
module dev.vae.network {
    requires dev.vae.api;

    provides dev.vae.api.spi.Network with dev.vae.network.MlpNetwork, dev.vae.network.ConvNetwork;
}
