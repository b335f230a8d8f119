/* Directory enhancements. Everything works without this file: it only adds "use my location" and the map. */
(function () {
  "use strict";

  function setHidden(form, name, value) {
    var input = form.querySelector('input[type="hidden"][name="' + name + '"]');
    if (!input) {
      input = document.createElement("input");
      input.type = "hidden";
      input.name = name;
      form.appendChild(input);
    }
    input.value = value;
  }

  // "Use my location": rounded to 3 decimals (about 100 m) in the browser, and sent by POST so that it
  // never ends up in an address, a log line or the browser history.
  document.querySelectorAll("[data-use-location]").forEach(function (button) {
    if (!("geolocation" in navigator)) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      var form = button.closest("form");
      button.disabled = true;
      navigator.geolocation.getCurrentPosition(function (position) {
        setHidden(form, "lat", position.coords.latitude.toFixed(3));
        setHidden(form, "lng", position.coords.longitude.toFixed(3));
        if (form.method.toLowerCase() !== "post") {
          form.method = "post";
          setHidden(form, "csrfmiddlewaretoken", button.getAttribute("data-csrf"));
        }
        form.submit();
      }, function () {
        button.disabled = false;
        button.insertAdjacentText("afterend", " " + (document.documentElement.lang === "ja"
          ? "現在地を取得できませんでした。郵便番号か地域を選んでください。"
          : "Your location is not available. Please use a postal code or an area."));
      }, { enableHighAccuracy: false, timeout: 10000, maximumAge: 600000 });
    });
  });

  // Map of the places on the page (Leaflet served from this site; tiles only when a tile URL is set).
  var section = document.querySelector("[data-map]");
  var data = document.getElementById("directory-map-points");
  if (!section || !data || !window.L) { return; }
  var points = JSON.parse(data.textContent);
  if (!points.length) { return; }
  section.hidden = false;
  var canvas = section.querySelector("[data-map-canvas]");
  var map = window.L.map(canvas, { scrollWheelZoom: false });
  var tileUrl = section.getAttribute("data-tile-url");
  if (tileUrl) {
    window.L.tileLayer(tileUrl, { maxZoom: 19, attribution: section.getAttribute("data-attribution") || "" }).addTo(map);
  }
  var bounds = [];
  points.forEach(function (point) {
    var marker = window.L.circleMarker([point.lat, point.lng], { radius: 8, color: "#084c3e", fillOpacity: 0.8 });
    var link = document.createElement("a");
    link.href = point.url;
    link.textContent = point.name;
    var popup = link;
    var lines = [[point.status, "map-status"], [point.closure, "map-closure"], [point.hub, "map-hub"]];
    if (point.status || point.closure || point.hub) {
      popup = document.createElement("div");
      popup.appendChild(link);
      lines.forEach(function (line) {
        if (!line[0]) { return; }
        var span = document.createElement("span");
        span.className = line[1];
        span.textContent = line[0];
        popup.appendChild(document.createElement("br"));
        popup.appendChild(span);
      });
    }
    marker.bindPopup(popup).addTo(map);
    bounds.push([point.lat, point.lng]);
  });
  map.fitBounds(bounds, { padding: [24, 24], maxZoom: 16 });
})();
