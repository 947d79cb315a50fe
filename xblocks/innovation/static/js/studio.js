/* Studio editor of the innovation competition block: collects the settings and posts them to
 * submit_studio_edits ({values, defaults}, as xblock-utils' StudioEditableXBlockMixin does). The server
 * checks everything and answers with the problems, which are listed at the top of the form.
 */
function BinaInnovationStudio(runtime, element) {
  "use strict";

  var wrapper = element && element.jquery ? element[0] : element;
  var box = wrapper.querySelector(".bi-studio");
  var form = box.querySelector(".bi-studio-form");
  var uid = box.getAttribute("data-uid");
  var catalog = window.BinaInnovationI18N;
  var errors = form.querySelector(".bi-form-errors");
  var status = form.querySelector(".bi-status");
  var rubricBody = form.querySelector(".bi-rubric tbody");

  function gettext(text) { return catalog && catalog.gettext ? catalog.gettext(text) : text; }
  function notify(name, data) {
    if (runtime && typeof runtime.notify === "function") { runtime.notify(name, data); }
  }
  function csrfToken() {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  // Rubric rows: accessible names from the column header and the row number; the weights' sum.
  function renumber() {
    Array.prototype.forEach.call(rubricBody.querySelectorAll("tr"), function (row, index) {
      var header = row.querySelector(".bi-row-n");
      header.textContent = String(index + 1);
      header.id = uid + "-row-" + (index + 1);
      ["code", "label", "weight", "description"].forEach(function (name) {
        row.querySelector('[name="' + name + '"]').setAttribute("aria-labelledby", uid + "-col-" + name + " " + header.id);
      });
      row.querySelector('[data-action="remove-criterion"]').setAttribute("aria-describedby", header.id);
    });
    var sum = 0;
    Array.prototype.forEach.call(rubricBody.querySelectorAll('[name="weight"]'), function (input) {
      sum += parseFloat(String(input.value).replace(",", ".")) || 0;
    });
    var cell = form.querySelector(".bi-weight-sum");
    cell.textContent = (Math.round(sum * 100) / 100).toString();
    cell.classList.toggle("is-wrong", Math.abs(sum - 100) > 0.01);
  }
  renumber();
  rubricBody.addEventListener("input", renumber);
  form.addEventListener("click", function (event) {
    var button = event.target.closest("[data-action]");
    if (!button) { return; }
    if (button.getAttribute("data-action") === "add-criterion") {
      var row = box.querySelector(".bi-tpl-criterion").content.firstElementChild.cloneNode(true);
      rubricBody.appendChild(row);
      renumber();
      row.querySelector('[name="code"]').focus();
    }
    if (button.getAttribute("data-action") === "remove-criterion") {
      var current = button.closest("tr");
      var next = current.nextElementSibling || current.previousElementSibling;
      current.remove();
      renumber();
      (next ? next.querySelector('[name="code"]') : form.querySelector('[data-action="add-criterion"]')).focus();
    }
  });

  function values() {
    var result = {};
    Array.prototype.forEach.call(form.querySelectorAll("[data-kind], #" + uid + "-display_name, #" + uid +
      "-intro, #" + uid + "-completion_on"), function (input) {
      var kind = input.getAttribute("data-kind");
      var name = input.name;
      if (kind === "bool") { result[name] = input.checked; }
      else if (kind === "int") { result[name] = /^\s*\d+\s*$/.test(input.value) ? parseInt(input.value, 10) : input.value; }
      else if (kind === "float") { result[name] = input.value === "" ? null : Number(input.value); }
      else { result[name] = input.value; }
    });
    result.optional_states = Array.prototype.filter.call(form.querySelectorAll('[name="optional_states"]'),
      function (box) { return box.checked; }).map(function (box) { return box.value; });
    result.state_labels = {};
    Array.prototype.forEach.call(form.querySelectorAll('[name="state_label"]'), function (input) {
      if (input.value.trim()) { result.state_labels[input.getAttribute("data-state")] = input.value.trim(); }
    });
    result.rubric = Array.prototype.map.call(rubricBody.querySelectorAll("tr"), function (row) {
      var weight = row.querySelector('[name="weight"]').value;
      return {
        code: row.querySelector('[name="code"]').value.trim(),
        label: row.querySelector('[name="label"]').value.trim(),
        weight: weight === "" ? null : Number(String(weight).replace(",", ".")),
        description: row.querySelector('[name="description"]').value.trim()
      };
    });
    return result;
  }

  function showProblems(messages) {
    errors.textContent = "";
    var intro = document.createElement("p");
    intro.textContent = gettext("Nothing was saved. Please fix these settings:");
    errors.appendChild(intro);
    var list = document.createElement("ul");
    messages.forEach(function (message) {
      var li = document.createElement("li");
      li.textContent = message;
      list.appendChild(li);
    });
    errors.appendChild(list);
    errors.hidden = false;
    errors.focus();
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var button = form.querySelector(".save-button");
    button.disabled = true;
    errors.hidden = true;
    status.textContent = gettext("Saving…");
    notify("save", {state: "start", message: gettext("Saving")});
    fetch(runtime.handlerUrl(wrapper, "submit_studio_edits"), {
      method: "POST",
      credentials: "same-origin",
      headers: {"Content-Type": "application/json", "X-CSRFToken": csrfToken(), "X-Requested-With": "XMLHttpRequest"},
      body: JSON.stringify({values: values(), defaults: []})
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (body) {
        if (response.ok) {
          status.textContent = gettext("Settings saved.");
          notify("save", {state: "end"});
          return;
        }
        // The block kit's error shape: {error, code, problems?}.
        var messages = body.problems && body.problems.length ? body.problems :
          [body.error || gettext("The settings could not be saved.")];
        status.textContent = "";
        showProblems(messages);
        notify("error", {title: gettext("Unable to update settings"), message: messages.join(" ")});
      });
    }, function () {
      status.textContent = "";
      showProblems([gettext("Could not reach the server. Check your connection and try again.")]);
    }).then(function () { button.disabled = false; });
  });

  form.querySelector(".cancel-button").addEventListener("click", function () { notify("cancel", {}); });
}
