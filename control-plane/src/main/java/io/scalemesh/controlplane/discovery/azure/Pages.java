package io.scalemesh.controlplane.discovery.azure;

import com.azure.core.http.rest.PagedIterable;
import java.util.List;

/** Resource Manager lists, read to their last page. */
final class Pages {
  private Pages() {}

  /**
   * Every item of every page. A page that fails fails the whole read: a list cut short would look
   * like instances removed.
   */
  static <T> List<T> all(PagedIterable<T> pages) {
    return pages.stream().toList();
  }
}
