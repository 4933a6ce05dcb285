package io.bridgehead.console.view;

/** A page that fetches its content again when its tab is selected. */
interface Page {
  /** Invoked on the FX thread when the page's tab becomes the selected one. */
  void shown();

  /** Invoked on the FX thread when another tab becomes the selected one. */
  default void hidden() {
  }
}
