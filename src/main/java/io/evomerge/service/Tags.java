package io.evomerge.service;

import java.util.regex.Pattern;

/** Checks the {@code tag} of a session evaluation: at most 100 of {@code [A-Za-z0-9._-]}; none is the release's {@code "manual"}. */
final class Tags {

  private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9._-]{0,100}");

  private Tags() {}

  static String check(String tag) {
    if (tag == null) {
      return "manual";
    }
    if (!ALLOWED.matcher(tag).matches()) {
      throw ApiError.badField("tag", "tag '" + tag + "' must be at most 100 characters of [A-Za-z0-9._-]");
    }
    return tag;
  }
}
