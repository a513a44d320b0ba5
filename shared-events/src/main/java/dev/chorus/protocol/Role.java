package dev.chorus.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;

public enum Role {
    @JsonProperty("owner") OWNER,
    @JsonProperty("member") MEMBER
}
