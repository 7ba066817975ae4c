package org.saphan.hub.archfixture.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** Fixture: builds its own lenient mappers, which the JSON rule must catch. */
public class FixtureLenientMapper {

  public ObjectMapper constructed() {
    return new ObjectMapper();
  }

  public ObjectMapper built() {
    return JsonMapper.builder().build();
  }
}
