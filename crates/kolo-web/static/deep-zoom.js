// Turns every element naming a IIIF Image service (data-iiif-info) into an OpenSeadragon
// deep-zoom viewer. Without JavaScript the element's <img> (a IIIF size) stays as it is.
"use strict";
document.querySelectorAll("[data-iiif-info]").forEach(function (element) {
  var fallback = element.querySelector("img");
  if (fallback) {
    fallback.remove();
  }
  element.classList.add("deep-zoom-active");
  OpenSeadragon({
    element: element,
    prefixUrl: "/static/viewer/images/",
    tileSources: [element.dataset.iiifInfo],
    showNavigator: true,
    showRotationControl: true,
  });
});
