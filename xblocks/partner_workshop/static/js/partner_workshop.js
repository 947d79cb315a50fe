/* Partner workshop block: learner actions (register, cancel, check in, survey) and the course team's roster.
 * The server renders every state; this script posts to the block's handlers, swaps in the HTML it
 * gets back, and announces the result next to the session (focus moves there for keyboard users). */
function PartnerWorkshopBlock(runtime, element, args) {
  "use strict";
  var catalog = window.PartnerWorkshopI18N || {};
  var gettext = typeof catalog.gettext === "function" ? catalog.gettext : function (text) { return text; };
  var root = element.querySelector ? element : element[0];

  function csrfToken() {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  function statusFor(sessionKey, staff) {
    var selector = staff ? ".pw-staff-session[data-session=\"" + sessionKey + "\"] .pw-staff-status"
      : ".pw-session[data-session=\"" + sessionKey + "\"] .pw-session-status";
    return (sessionKey && root.querySelector(selector)) || root.querySelector(".pw-block-status");
  }

  function announce(sessionKey, staff, text, isError) {
    var target = statusFor(sessionKey, staff);
    if (!target) { return; }
    target.textContent = text;
    target.classList.toggle("pw-error", !!isError);
    target.focus();
  }

  function openStaffPanels() {
    return Array.prototype.map.call(root.querySelectorAll(".pw-staff-session[open]"), function (el) {
      return el.getAttribute("data-session");
    });
  }

  function replaceBody(html, keepOpen) {
    var body = root.querySelector(".pw-body");
    if (!body || typeof html !== "string") { return; }
    body.innerHTML = html;
    root.querySelectorAll(".pw-staff-session").forEach(function (panel) {
      panel.open = keepOpen.indexOf(panel.getAttribute("data-session")) !== -1;
    });
  }

  function send(handler, payload, sessionKey, staff, control) {
    var keepOpen = openStaffPanels();
    if (control) { control.disabled = true; control.setAttribute("aria-busy", "true"); }
    return fetch(runtime.handlerUrl(root, handler), {
      method: "POST",
      credentials: "same-origin",
      headers: {"Content-Type": "application/json", "X-CSRFToken": csrfToken(), "Accept": "application/json"},
      body: JSON.stringify(payload)
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (body) {
        if (response.ok) {
          replaceBody(body.html, keepOpen);
          announce(sessionKey, staff, body.message || "", false);
        } else {
          if (control) { control.disabled = false; control.removeAttribute("aria-busy"); }
          announce(sessionKey, staff, body.error || gettext("Something went wrong. Reload the page and try again."), true);
        }
      });
    }).catch(function () {
      if (control) { control.disabled = false; control.removeAttribute("aria-busy"); }
      announce(sessionKey, staff, gettext("The server could not be reached. Check your connection and try again."), true);
    });
  }

  function sessionKeyOf(node) {
    var holder = node.closest("[data-session]");
    return holder ? holder.getAttribute("data-session") : "";
  }

  root.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-action]");
    if (!button || !root.contains(button)) { return; }
    var action = button.getAttribute("data-action");
    var key = sessionKeyOf(button);
    var payload = {session: key};
    if (action === "staff_mark") {
      payload.username = button.getAttribute("data-username");
      payload.present = button.getAttribute("data-present") === "1";
    }
    send(action, payload, key, action.indexOf("staff_") === 0, button);
  });

  root.addEventListener("submit", function (event) {
    var form = event.target.closest("form[data-action]");
    if (!form || !root.contains(form)) { return; }
    event.preventDefault();
    var key = sessionKeyOf(form);
    var action = form.getAttribute("data-action");
    var submit = form.querySelector("button[type=submit]");
    if (action === "check_in") {
      var code = form.querySelector("input[name=code]").value.trim();
      if (!code) {
        announce(key, false, gettext("Enter the check-in code announced at the session."), true);
        return;
      }
      send("check_in", {session: key, code: code}, key, false, submit);
      return;
    }
    var answers = {};
    var missing = [];
    form.querySelectorAll("fieldset.pw-question").forEach(function (fieldset) {
      var chosen = fieldset.querySelector("input[type=radio]:checked");
      if (chosen) {
        answers[fieldset.getAttribute("data-key")] = parseInt(chosen.value, 10);
      } else {
        missing.push(fieldset.querySelector("legend").textContent.trim());
      }
    });
    if (missing.length) {
      announce(key, false, gettext("Answer every statement before sending. Not answered yet:") + " " + missing.join("; "), true);
      return;
    }
    var comment = form.querySelector("textarea[name=comment]").value;
    send("submit_reaction", {session: key, answers: answers, comment: comment}, key, false, submit);
  });

  return {};
}
