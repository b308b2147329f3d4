/*
 * Click-to-load video player (video pages only). Before the click the page requests nothing from the
 * video's host; the "Phát video" button (hidden until this script runs, so readers without JavaScript
 * see only the plain link) replaces the still with the player: an iframe (YouTube through
 * youtube-nocookie.com, or Facebook's player) or a <video> for a file on another server.
 */
(function () {
  "use strict";

  function player(button) {
    var src = button.getAttribute("data-nscl-src");
    var element;
    if (button.getAttribute("data-nscl-element") === "video") {
      element = document.createElement("video");
      element.controls = true;
      element.autoplay = true;
      var source = document.createElement("source");
      source.src = src;
      source.type = button.getAttribute("data-nscl-type") || "";
      element.appendChild(source);
    } else {
      element = document.createElement("iframe");
      element.title = button.getAttribute("data-nscl-title") || "Video";
      element.allow = "accelerometer; autoplay; clipboard-write; encrypted-media; gyroscope; picture-in-picture; fullscreen";
      element.allowFullscreen = true;
      // YouTube refuses to play an embed that sends no referrer origin.
      element.referrerPolicy = "strict-origin-when-cross-origin";
      element.src = src;
    }
    element.className = "nscl-player__media";
    element.setAttribute("tabindex", "0");
    return element;
  }

  function init() {
    var buttons = document.querySelectorAll("[data-nscl-player] button[data-nscl-src]");
    Array.prototype.forEach.call(buttons, function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        var frame = button.closest(".nscl-player__frame");
        var media = player(button);
        frame.replaceChildren(media);
        media.focus();
      }, { once: true });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
