package org.saphan.hub.archfixture.platform;

import io.swagger.v3.oas.annotations.media.Schema;

/** Fixture: a record the API answers with, named for the description: allowed outside the api. */
@Schema(name = "FixtureDescribedRecord", description = "A record the API answers with")
public record FixtureDescribedRecord(@Schema(example = "1") String id) {}
