// Tell the server the visitor's time zone (a cookie read by events.views.visitor_zone), and
// on this first visit show event times in it where it differs from the event's own zone.
(function () {
  "use strict";
  var zone;
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch (error) {
    return;
  }
  if (!zone) return;
  document.cookie = "visitor_tz=" + encodeURIComponent(zone) + ";path=/;max-age=31536000;samesite=lax";

  var template = document.getElementById("visitor-time-label");
  if (!template) return;
  var label = template.content.textContent;
  var language = document.documentElement.lang;
  var timeFormat = new Intl.DateTimeFormat(language, { hour: "numeric", minute: "2-digit", timeZone: zone });
  var dayFormat = new Intl.DateTimeFormat(language, { day: "numeric", month: "long", year: "numeric", timeZone: zone });

  function offsetMinutes(date, timeZone) {
    var parts = new Intl.DateTimeFormat("en-US", {
      timeZone: timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit",
      hour: "2-digit", minute: "2-digit"
    }).formatToParts(date);
    var value = {};
    parts.forEach(function (part) { value[part.type] = Number(part.value); });
    var asUtc = Date.UTC(value.year, value.month - 1, value.day, value.hour, value.minute);
    return Math.round((asUtc - date.getTime()) / 60000);
  }

  document.querySelectorAll("[data-visitor-time]").forEach(function (element) {
    var start = new Date(element.dataset.start);
    var end = new Date(element.dataset.end);
    var eventOffset = element.dataset.offset;
    var sign = eventOffset[0] === "-" ? -1 : 1;
    var eventMinutes = sign * (Number(eventOffset.slice(1, 3)) * 60 + Number(eventOffset.slice(3, 5)));
    if (offsetMinutes(start, zone) === eventMinutes) return;
    element.textContent = label
      .replace("{day}", dayFormat.format(start))
      .replace("{start}", timeFormat.format(start))
      .replace("{end}", timeFormat.format(end))
      .replace("{zone}", zone.replace(/_/g, " "));
    element.hidden = false;
  });
})();
