/**
 * The {@code fastest-upload} choking policy: upload to the peers that take our data fastest.
 *
 * @see dev.piecewise.plugin.fastestupload.FastestUploadProvider
 */
module dev.piecewise.plugin.fastestupload {
    requires dev.piecewise.core;

    provides dev.piecewise.spi.choking.ChokingPolicyProvider
            with dev.piecewise.plugin.fastestupload.FastestUploadProvider;
}
