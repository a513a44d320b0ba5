package dev.chorus.protocol;

import java.util.List;

public record Profile(String userId, String displayName, String avatarUrl, List<Group> groups) {
}
