package dev.lectern.infra.storage;

import dev.lectern.infra.config.StorageConfig;
import io.netty.channel.nio.NioEventLoopGroup;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.SdkEventLoopGroup;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** Builds the AWS SDK v2 clients for a store, the same way for AWS, MinIO, Ceph, R2 and embedded. */
final class S3Clients {
    private S3Clients() {}

    /**
     * The client's own Netty threads. Lectern owns the group (the SDK does not close a group it was
     * given) so that closing it skips Netty's two-second quiet period.
     */
    @SuppressWarnings("deprecation") // the SDK recognises only the classic NIO group
    static SdkEventLoopGroup eventLoops() {
        return SdkEventLoopGroup.create(
                new NioEventLoopGroup(Math.max(2, Runtime.getRuntime().availableProcessors())));
    }

    static S3AsyncClient client(StorageConfig config, SdkEventLoopGroup eventLoops) {
        var builder =
                S3AsyncClient.builder()
                        .httpClientBuilder(
                                NettyNioAsyncHttpClient.builder()
                                        .eventLoopGroup(eventLoops)
                                        .maxConcurrency(128)
                                        // Short enough that an unreachable S3 shows as a
                                        // failure (503) before the caller gives up, not after.
                                        .connectionAcquisitionTimeout(Duration.ofSeconds(10))
                                        .connectionTimeout(Duration.ofSeconds(5)))
                        .region(Region.of(config.region()))
                        .credentialsProvider(credentials(config))
                        .serviceConfiguration(serviceConfiguration(config))
                        // Many S3-compatible stores reject the SDK's newer default checksums.
                        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        if (config.endpoint() != null) {
            builder.endpointOverride(config.endpoint());
        }
        return builder.build();
    }

    static S3Presigner presigner(StorageConfig config) {
        var builder =
                S3Presigner.builder()
                        .region(Region.of(config.region()))
                        .credentialsProvider(credentials(config))
                        .serviceConfiguration(serviceConfiguration(config));
        if (config.endpoint() != null) {
            builder.endpointOverride(config.endpoint());
        }
        return builder.build();
    }

    private static S3Configuration serviceConfiguration(StorageConfig config) {
        return S3Configuration.builder().pathStyleAccessEnabled(config.pathStyle()).build();
    }

    private static AwsCredentialsProvider credentials(StorageConfig config) {
        if (config.accessKey().isEmpty()) {
            return DefaultCredentialsProvider.builder().build();
        }
        return StaticCredentialsProvider.create(
                AwsBasicCredentials.create(config.accessKey(), config.secretKey()));
    }
}
