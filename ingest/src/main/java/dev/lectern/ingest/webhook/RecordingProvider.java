package dev.lectern.ingest.webhook;

/**
 * One webinar system. {@link #accept} verifies the delivery's signature (throwing {@code
 * BAD_SIGNATURE} or {@code STALE_TIMESTAMP} problems) before it reads anything else, then says
 * what to do. It does no I/O, so it runs on the event loop.
 */
interface RecordingProvider {
    String name();

    WebhookOutcome accept(Delivery delivery);
}
