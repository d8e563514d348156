package dev.vae.app.ui;

/** A request that names something that is not there (404), or a run that cannot be read (500). */
final class ApiError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;

    private ApiError(int status, String message) {
        super(message);
        this.status = status;
    }

    static ApiError notFound(String message) {
        return new ApiError(404, message);
    }

    static ApiError unreadable(String message) {
        return new ApiError(500, message);
    }

    int status() {
        return status;
    }
}
