package dev.lectern.catalog;

import dev.lectern.catalog.caption.Recognition;

/**
 * The catalog's settings: how media reaches viewers, the attempts a job gets unless it sets its
 * own, and whether (and with which engine) lectures get automatic captions.
 */
public record CatalogOptions(
        MediaDeliveryConfig delivery, int jobMaxAttempts, Recognition recognition) {}
