/* The partner workshop's Studio editor: collect the form, save it through the block's handler,
 * and show each refusal next to its field (the summary gets focus so keyboard users hear it). */
function PartnerWorkshopStudio(runtime, element) {
  "use strict";
  var catalog = window.PartnerWorkshopI18N || {};
  var gettext = typeof catalog.gettext === "function" ? catalog.gettext : function (text) { return text; };
  var root = element.querySelector ? element : element[0];
  var form = root.querySelector(".pw-studio-form");
  var summary = root.querySelector(".pw-studio-errors");
  var status = root.querySelector(".pw-studio-status");
  var counter = 0;

  function csrfToken() {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  function value(scope, selector) {
    var input = scope.querySelector(selector);
    if (!input) { return ""; }
    return input.type === "checkbox" ? input.checked : input.value;
  }

  function collect() {
    var partner = {};
    form.querySelectorAll("[data-partner]").forEach(function (input) {
      partner[input.getAttribute("data-partner")] = input.value;
    });
    var sessions = Array.prototype.map.call(form.querySelectorAll(".pw-session-list .pw-session-editor"), function (fieldset) {
      var session = {};
      fieldset.querySelectorAll("[data-field]").forEach(function (input) {
        session[input.getAttribute("data-field")] = input.type === "checkbox" ? input.checked : input.value;
      });
      return session;
    });
    var questions = Array.prototype.map.call(form.querySelectorAll(".pw-question-list .pw-question-editor"), function (item) {
      return {key: item.getAttribute("data-key") || "", label: value(item, "[data-field=label]")};
    });
    return {
      display_name: value(form, "[name=display_name]"),
      partner: partner,
      sessions: sessions,
      attendance_method: value(form, "[name=attendance_method]"),
      checkin_opens_minutes: value(form, "[name=checkin_opens_minutes]"),
      checkin_closes_minutes: value(form, "[name=checkin_closes_minutes]"),
      one_session_per_learner: value(form, "[name=one_session_per_learner]"),
      weight: value(form, "[name=weight]"),
      reaction_questions: questions
    };
  }

  function clearErrors() {
    form.querySelectorAll(".pw-field-error").forEach(function (node) { node.remove(); });
    form.querySelectorAll("[aria-invalid]").forEach(function (input) {
      input.removeAttribute("aria-invalid");
      var described = (input.getAttribute("aria-describedby") || "").split(" ").filter(function (id) {
        return id && id.indexOf("-error") === -1;
      });
      if (described.length) { input.setAttribute("aria-describedby", described.join(" ")); }
      else { input.removeAttribute("aria-describedby"); }
    });
    summary.hidden = true;
    summary.innerHTML = "";
  }

  function fieldFor(path) {
    var parts = path.split(".");
    var scope = form;
    if (parts[0] === "sessions" && /^\d+$/.test(parts[1] || "")) {
      scope = form.querySelectorAll(".pw-session-list .pw-session-editor")[parseInt(parts[1], 10)] || form;
      path = parts.slice(2).join(".");
    } else if (parts[0] === "reaction_questions" && /^\d+$/.test(parts[1] || "")) {
      scope = form.querySelectorAll(".pw-question-list .pw-question-editor")[parseInt(parts[1], 10)] || form;
      path = parts.slice(2).join(".");
    } else if (parts[0] === "sessions" && parts[1] === "refused") {
      path = "sessions.refused";
    }
    return scope.querySelector("[data-path=\"" + path + "\"]");
  }

  function showErrors(message, fields) {
    var list = document.createElement("ul");
    // The block kit's error shape: fields maps a field's path to {label, messages}.
    var problems = [];
    Object.keys(fields || {}).forEach(function (path) {
      fields[path].messages.forEach(function (text) { problems.push({path: path, message: text}); });
    });
    problems.forEach(function (problem, index) {
      var field = fieldFor(problem.path);
      var item = document.createElement("li");
      item.textContent = problem.message;
      list.appendChild(item);
      if (!field) { return; }
      var note = document.createElement("p");
      note.className = "pw-field-error";
      note.id = root.id + "-error-" + index;
      note.textContent = problem.message;
      field.appendChild(note);
      var input = field.querySelector("input, select, textarea");
      if (input) {
        input.setAttribute("aria-invalid", "true");
        var described = input.getAttribute("aria-describedby");
        input.setAttribute("aria-describedby", (described ? described + " " : "") + note.id);
      }
    });
    var heading = document.createElement("p");
    heading.textContent = message;
    summary.appendChild(heading);
    summary.appendChild(list);
    summary.hidden = false;
    summary.focus();
  }

  function renumber() {
    form.querySelectorAll(".pw-session-list .pw-session-editor").forEach(function (fieldset, index) {
      var number = fieldset.querySelector(".pw-session-number");
      if (number) { number.textContent = String(index + 1); }
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearErrors();
    var save = form.querySelector(".pw-save");
    save.disabled = true;
    status.textContent = gettext("Saving…");
    if (runtime.notify) { runtime.notify("save", {state: "start"}); }
    fetch(runtime.handlerUrl(root, "studio_submit"), {
      method: "POST",
      credentials: "same-origin",
      headers: {"Content-Type": "application/json", "X-CSRFToken": csrfToken(), "Accept": "application/json"},
      body: JSON.stringify(collect())
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (body) {
        save.disabled = false;
        if (response.ok) {
          status.textContent = body.message || gettext("Saved.");
          status.focus();
          if (runtime.notify) { runtime.notify("save", {state: "end"}); }
        } else {
          status.textContent = "";
          showErrors(body.error || gettext("Nothing was saved."), body.fields);
          if (runtime.notify) { runtime.notify("error", {title: gettext("Nothing was saved."), message: body.error || ""}); }
        }
      });
    }).catch(function () {
      save.disabled = false;
      status.textContent = "";
      showErrors(gettext("The server could not be reached. Check your connection and try again."), {});
    });
  });

  root.addEventListener("click", function (event) {
    var button = event.target.closest("button");
    if (!button || !root.contains(button)) { return; }
    if (button.classList.contains("pw-add-session")) {
      counter += 1;
      var template = root.querySelector(".pw-session-template");
      var holder = document.createElement("div");
      holder.innerHTML = template.innerHTML.replace(/__N__/g, String(counter));
      var fieldset = holder.firstElementChild;
      root.querySelector(".pw-session-list").appendChild(fieldset);
      renumber();
      fieldset.querySelector("[data-field=title]").focus();
    } else if (button.classList.contains("pw-remove-session")) {
      button.closest(".pw-session-editor").remove();
      renumber();
      status.textContent = gettext("Session removed from the form. Save to apply.");
      root.querySelector(".pw-add-session").focus();
    } else if (button.classList.contains("pw-add-question")) {
      counter += 1;
      var questionTemplate = root.querySelector(".pw-question-template");
      var wrapper = document.createElement("ol");
      wrapper.innerHTML = questionTemplate.innerHTML.replace(/__N__/g, String(counter));
      var item = wrapper.firstElementChild;
      root.querySelector(".pw-question-list").appendChild(item);
      item.querySelector("input").focus();
    } else if (button.classList.contains("pw-remove-question")) {
      button.closest(".pw-question-editor").remove();
      root.querySelector(".pw-add-question").focus();
    } else if (button.classList.contains("pw-cancel-edit")) {
      if (runtime.notify) { runtime.notify("cancel", {}); }
    }
  });

  return {};
}
