package dev.lectern.catalog;

import dev.lectern.catalog.caption.Recognition;
import dev.lectern.catalog.slide.SlideReading;

/**
 * The catalog's settings: how media reaches viewers, the attempts a job gets unless it sets its
 * own, whether (and with which engine) lectures get automatic captions, and whether screen
 * recordings get chapters from their slides.
 */
public record CatalogOptions(
        MediaDeliveryConfig delivery,
        int jobMaxAttempts,
        Recognition recognition,
        SlideReading slides) {}
