/* Bina ASN digital-skills assessment: the Studio editor (settings, recommendations, item bank).
 *
 * One initializer (BinaDigitalSkillsEditor). The author edits a copy of the bank in the page; Save
 * sends settings, recommendations and bank together to the block's studio_submit handler, which
 * applies the same rules as Studio's validation and refuses the whole save with every problem
 * listed. Import reads a CSV/JSON/YAML file through the import_bank handler into the editor
 * (replace or append); export downloads the saved bank.
 */
(function (global) {
  "use strict";

  var OPTION_LETTERS = "abcdefghijklmnopqrstuvwxyz";
  var instances = 0;

  function catalog() {
    var ns = global.BinaDigitalSkillsI18N;
    if (ns && typeof ns.gettext === "function") { return ns; }
    if (global.django && typeof global.django.gettext === "function") { return global.django; }
    return {gettext: function (s) { return s; }, ngettext: function (s, p, n) { return n === 1 ? s : p; }};
  }

  function gettext(message) { return catalog().gettext(message); }

  function ngettext(singular, plural, count) { return catalog().ngettext(singular, plural, count); }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (match, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : match;
    });
  }

  function h(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      var value = attrs[key];
      if (value === null || value === undefined || value === false) { return; }
      if (key === "text") { node.textContent = value; }
      else if (key === "className") { node.className = value; }
      else if (key.slice(0, 2) === "on") { node.addEventListener(key.slice(2), value); }
      else { node.setAttribute(key, value === true ? "" : value); }
    });
    (children || []).forEach(function (child) {
      if (child === null || child === undefined || child === false) { return; }
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  function csrfToken() {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  function copy(value) { return JSON.parse(JSON.stringify(value)); }

  function base64(buffer) {
    var bytes = new Uint8Array(buffer);
    var chunks = [];
    for (var i = 0; i < bytes.length; i += 0x8000) {
      chunks.push(String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000)));
    }
    return btoa(chunks.join(""));
  }

  function BinaDigitalSkillsEditor(runtime, element) {
    var root = element.querySelector(".bina-ds");
    var body = root.querySelector(".bina-ds__body");
    var config = JSON.parse(root.querySelector(".bina-ds__data").textContent);
    var uid = "bina-ds-editor-" + (++instances);
    var settings, recommendations, bank, lastDeleted = null, openItems = {};

    function reset() {
      settings = copy(config.settings);
      recommendations = copy(config.recommendations || {});
      bank = copy(config.bank || []);
      openItems = {};
    }

    function post(handler, payload) {
      return fetch(runtime.handlerUrl(element, handler), {
        method: "POST",
        credentials: "same-origin",
        headers: {"Content-Type": "application/json", "X-CSRFToken": csrfToken(), "X-Requested-With": "XMLHttpRequest"},
        body: JSON.stringify(payload)
      }).then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (data) {
          if (!response.ok) {
            var error = new Error(data.error || gettext("Something went wrong. Please try again."));
            error.problems = data.problems || [];
            throw error;
          }
          return data;
        });
      }, function () {
        var error = new Error(gettext("The server could not be reached. Check your connection and try again."));
        error.problems = [];
        throw error;
      });
    }

    /* ---------------------------------------------------------------- messages */
    var messages = h("div", {className: "bina-ds__messages", tabindex: "-1"});
    var status = h("p", {className: "bina-ds__status", role: "status"});

    function showProblems(title, problems, kind) {
      messages.textContent = "";
      if (!title) { return; }
      var box = h("div", {className: kind === "warning" ? "bina-ds__warnings" : "bina-ds__problems", role: kind === "warning" ? null : "alert"}, [
        h("p", {}, [h("strong", {text: title})]),
        problems && problems.length ? h("ul", {}, problems.map(function (problem) { return h("li", {text: problem}); })) : null
      ]);
      messages.appendChild(box);
    }

    function say(text) { status.textContent = text; }

    /* ---------------------------------------------------------------- fields */
    function fieldId(name) { return uid + "-" + name; }

    function settingField(name, kind, extra) {
      var meta = config.fields[name];
      var id = fieldId(name);
      var help = h("p", {className: "bina-ds__help", id: id + "-help", text: meta.help});
      var input;
      if (kind === "select") {
        input = h("select", {id: id, "aria-describedby": id + "-help"}, config.choices[name].map(function (choice) {
          var option = h("option", {value: choice[0], text: choice[1]});
          option.selected = String(settings[name]) === String(choice[0]);
          return option;
        }));
        input.addEventListener("change", function () { settings[name] = input.value; });
      } else if (kind === "checkbox") {
        input = h("input", {type: "checkbox", id: id, "aria-describedby": id + "-help"});
        input.checked = Boolean(settings[name]);
        input.addEventListener("change", function () { settings[name] = input.checked; });
        return h("div", {className: "bina-ds__field"}, [
          h("div", {className: "bina-ds__field--check"}, [input, h("label", {"for": id, text: meta.label})]), help
        ]);
      } else if (kind === "textarea") {
        input = h("textarea", {id: id, rows: "3", "aria-describedby": id + "-help"});
        input.value = settings[name] || "";
        input.addEventListener("input", function () { settings[name] = input.value; });
      } else {
        input = h("input", Object.assign({type: kind, id: id, "aria-describedby": id + "-help"}, extra || {}));
        input.value = settings[name] === null || settings[name] === undefined ? "" : settings[name];
        input.addEventListener("input", function () {
          settings[name] = kind === "number" ? (input.value === "" ? null : Number(input.value)) : input.value;
        });
      }
      return h("div", {className: "bina-ds__field" + (kind === "textarea" ? " bina-ds__field--wide" : "")}, [
        h("label", {"for": id, text: meta.label}), input, help
      ]);
    }

    function settingsSection() {
      return h("section", {className: "bina-ds__section", "aria-labelledby": uid + "-settings"}, [
        h("h3", {id: uid + "-settings", text: gettext("Settings")}),
        h("div", {className: "bina-ds__grid"}, [
          settingField("display_name", "text"),
          settingField("mode", "select"),
          settingField("pairing_key", "text", {placeholder: "literasi-digital-2026"}),
          settingField("attempts_allowed", "number", {min: "0", max: "100", step: "1"}),
          settingField("items_per_pillar", "number", {min: "0", step: "1"}),
          settingField("pass_threshold", "number", {min: "0", max: "100", step: "1"}),
          settingField("weight", "number", {min: "0", step: "0.1"}),
          settingField("show_answers", "select"),
          settingField("shuffle_items", "checkbox"),
          settingField("shuffle_options", "checkbox"),
          settingField("instructions", "textarea")
        ])
      ]);
    }

    /* ---------------------------------------------------------------- recommendations */
    function recommendationsSection() {
      var meta = config.fields.recommendations;
      var section = h("section", {className: "bina-ds__section", "aria-labelledby": uid + "-recs"}, [
        h("h3", {id: uid + "-recs", text: meta.label}),
        h("p", {className: "bina-ds__help", text: meta.help + " " + gettext("Use the address of a course unit (for example /courses/.../jump_to_id/...) or a full https:// address.")})
      ]);
      config.choices.pillar.forEach(function (pair) {
        var code = pair[0];
        var links = recommendations[code] = recommendations[code] || [];
        var rows = h("div", {});
        function drawRows(focusLast) {
          rows.textContent = "";
          links.forEach(function (link, index) {
            var base = uid + "-rec-" + code + "-" + index;
            var title = h("input", {type: "text", id: base + "-title"});
            var url = h("input", {type: "text", id: base + "-url", inputmode: "url"});
            title.value = link.title || "";
            url.value = link.url || "";
            title.addEventListener("input", function () { link.title = title.value; });
            url.addEventListener("input", function () { link.url = url.value; });
            var remove = h("button", {type: "button", className: "bina-ds__button bina-ds__button--danger",
              text: gettext("Remove"), "aria-label": fill(gettext("Remove link {n} of {pillar}"), {n: index + 1, pillar: pair[1]})});
            remove.addEventListener("click", function () { links.splice(index, 1); drawRows(false); add.focus(); });
            rows.appendChild(h("div", {className: "bina-ds__links-row"}, [
              h("div", {className: "bina-ds__field"}, [h("label", {"for": title.id, text: fill(gettext("Link {n}: title"), {n: index + 1})}), title]),
              h("div", {className: "bina-ds__field"}, [h("label", {"for": url.id, text: fill(gettext("Link {n}: address"), {n: index + 1})}), url]),
              remove
            ]));
            if (focusLast && index === links.length - 1) { title.focus(); }
          });
        }
        var add = h("button", {type: "button", className: "bina-ds__button", text: fill(gettext("Add a link for {pillar}"), {pillar: pair[1]})});
        add.addEventListener("click", function () { links.push({title: "", url: ""}); drawRows(true); });
        section.appendChild(h("fieldset", {className: "bina-ds__section"}, [h("legend", {text: pair[1]}), rows, add]));
        drawRows(false);
      });
      return section;
    }

    /* ---------------------------------------------------------------- the bank */
    var bankList = h("ol", {className: "bina-ds__bank-list"});
    var bankSummary = h("p", {className: "bina-ds__help", "aria-live": "polite"});

    function label(name, value) {
      var match = (config.choices[name] || []).filter(function (choice) { return String(choice[0]) === String(value); })[0];
      return match ? match[1] : String(value || "");
    }

    function summarize() {
      var counts = {};
      bank.forEach(function (item) { counts[item.pillar] = (counts[item.pillar] || 0) + 1; });
      bankSummary.textContent = fill(ngettext("{count} item", "{count} items", bank.length), {count: bank.length}) + ": " +
        config.choices.pillar.map(function (pair) { return pair[1] + " " + (counts[pair[0]] || 0); }).join(", ");
    }

    function newItemId(pillar) {
      var used = {};
      bank.forEach(function (item) { used[item.id] = true; });
      for (var n = 1; ; n++) {
        var id = pillar + "-" + (n < 10 ? "0" + n : n);
        if (!used[id]) { return id; }
      }
    }

    function likertOptions() {
      return [gettext("1 - Not at all confident"), gettext("2 - Slightly confident"), gettext("3 - Fairly confident"),
        gettext("4 - Confident"), gettext("5 - Very confident")].map(function (text, index) {
        return {id: OPTION_LETTERS[index], text: text, correct: false, points: index, feedback: ""};
      });
    }

    function freeOptionId(item) {
      var used = {};
      item.options.forEach(function (option) { used[option.id] = true; });
      for (var i = 0; i < OPTION_LETTERS.length; i++) { if (!used[OPTION_LETTERS[i]]) { return OPTION_LETTERS[i]; } }
      return "o" + item.options.length;
    }

    function blankItem() {
      var pillar = config.choices.pillar[0][0];
      return {
        id: newItemId(pillar), type: "single", form: "", pillar: pillar, competence: "1.1", level: 2, element: "knowledge",
        scenario: "", stem: "", feedback: "",
        options: [
          {id: "a", text: "", correct: true, points: null, feedback: ""},
          {id: "b", text: "", correct: false, points: null, feedback: ""},
          {id: "c", text: "", correct: false, points: null, feedback: ""},
          {id: "d", text: "", correct: false, points: null, feedback: ""}
        ]
      };
    }

    function itemTitle(item, index) {
      var stem = (item.stem || gettext("(no question text yet)")).replace(/\s+/g, " ");
      if (stem.length > 90) { stem = stem.slice(0, 88) + "..."; }
      return fill(gettext("{n}. {id} · {pillar} · {type} · level {level}: {stem}"), {
        n: index + 1, id: item.id || "?", pillar: label("pillar", item.pillar), type: label("type", item.type),
        level: item.level || "?", stem: stem
      });
    }

    function itemField(item, index, name, kind, labelText, onChange) {
      var id = uid + "-i" + index + "-" + name;
      var input;
      if (kind === "select") {
        input = h("select", {id: id}, config.choices[name].map(function (choice) {
          var option = h("option", {value: choice[0], text: choice[1]});
          option.selected = String(item[name]) === String(choice[0]);
          return option;
        }));
        input.addEventListener("change", function () {
          item[name] = name === "level" ? Number(input.value) : input.value;
          if (onChange) { onChange(); }
        });
      } else if (kind === "textarea") {
        input = h("textarea", {id: id, rows: name === "stem" ? "3" : "2"});
        input.value = item[name] || "";
        input.addEventListener("input", function () { item[name] = input.value; if (onChange) { onChange(); } });
      } else {
        input = h("input", {type: "text", id: id});
        input.value = item[name] || "";
        input.addEventListener("input", function () { item[name] = input.value.trim(); if (onChange) { onChange(); } });
      }
      return h("div", {className: "bina-ds__field" + (kind === "textarea" ? " bina-ds__field--wide" : "")}, [
        h("label", {"for": id, text: labelText}), input
      ]);
    }

    function optionsTable(item, index, refresh) {
      var likert = item.type === "likert";
      var multiple = item.type === "multiple";
      var headers = [gettext("Option"), likert ? null : gettext("Correct"), gettext("Points (optional)"), gettext("Feedback for this option (optional)"), gettext("Order")];
      var rows = item.options.map(function (option, position) {
        var base = uid + "-i" + index + "-o" + position;
        var number = position + 1;
        var text = h("input", {type: "text", id: base + "-text", "aria-label": fill(gettext("Option {n} text"), {n: number})});
        text.value = option.text || "";
        text.addEventListener("input", function () { option.text = text.value; });
        var correct = null;
        if (!likert) {
          correct = h("input", {type: multiple ? "checkbox" : "radio", name: uid + "-i" + index + "-correct",
            "aria-label": fill(gettext("Option {n} is correct"), {n: number})});
          correct.checked = Boolean(option.correct);
          correct.addEventListener("change", function () {
            if (!multiple) { item.options.forEach(function (other) { other.correct = false; }); }
            option.correct = correct.checked;
          });
        }
        var points = h("input", {type: "number", step: "any", id: base + "-points", placeholder: gettext("auto"),
          "aria-label": fill(gettext("Option {n} points"), {n: number})});
        points.value = option.points === null || option.points === undefined ? "" : option.points;
        points.addEventListener("input", function () { option.points = points.value === "" ? null : Number(points.value); });
        var feedback = h("input", {type: "text", id: base + "-feedback", "aria-label": fill(gettext("Option {n} feedback"), {n: number})});
        feedback.value = option.feedback || "";
        feedback.addEventListener("input", function () { option.feedback = feedback.value; });
        var order = [];
        if (!likert) {
          var up = h("button", {type: "button", className: "bina-ds__button", text: "↑", "aria-label": fill(gettext("Move option {n} up"), {n: number})});
          var down = h("button", {type: "button", className: "bina-ds__button", text: "↓", "aria-label": fill(gettext("Move option {n} down"), {n: number})});
          var remove = h("button", {type: "button", className: "bina-ds__button bina-ds__button--danger", text: "×", "aria-label": fill(gettext("Remove option {n}"), {n: number})});
          up.disabled = position === 0;
          down.disabled = position === item.options.length - 1;
          remove.disabled = item.options.length <= 2;
          up.addEventListener("click", function () { moveOption(item, position, -1); refresh(base.replace(/o\d+$/, "o" + (position - 1)) + "-up"); });
          down.addEventListener("click", function () { moveOption(item, position, 1); refresh(base.replace(/o\d+$/, "o" + (position + 1)) + "-down"); });
          remove.addEventListener("click", function () { item.options.splice(position, 1); refresh(); });
          up.id = base + "-up";
          down.id = base + "-down";
          order = [up, down, remove];
        }
        return h("tr", {}, [
          h("td", {}, [text]),
          likert ? null : h("td", {className: "bina-ds__narrow"}, [correct]),
          h("td", {className: "bina-ds__narrow"}, [points]),
          h("td", {}, [feedback]),
          h("td", {}, order)
        ]);
      });
      var table = h("table", {className: "bina-ds__option-table"}, [
        h("caption", {className: "bina-ds__sr", text: fill(gettext("Options of item {id}"), {id: item.id})}),
        h("thead", {}, [h("tr", {}, headers.filter(Boolean).map(function (text) { return h("th", {scope: "col", text: text}); }))]),
        h("tbody", {}, rows)
      ]);
      var parts = [table];
      if (!likert && item.options.length < config.limits.max_options) {
        var add = h("button", {type: "button", className: "bina-ds__button", text: gettext("Add an option")});
        add.addEventListener("click", function () {
          item.options.push({id: freeOptionId(item), text: "", correct: false, points: null, feedback: ""});
          refresh(uid + "-i" + index + "-o" + (item.options.length - 1) + "-text");
        });
        parts.push(add);
      }
      parts.push(h("p", {className: "bina-ds__help", text: likert ? gettext("A 1-5 self-rating: the learner sees their rating apart from the score; it is never part of the score.") :
        (multiple ? gettext("Tick every correct option. Without points, each correct choice earns 1 and each wrong choice costs 1 (never below 0).") :
          gettext("Mark the one correct option, or give each option points for partial credit."))}));
      return h("div", {}, parts);
    }

    function moveOption(item, position, step) {
      var moved = item.options.splice(position, 1)[0];
      item.options.splice(position + step, 0, moved);
    }

    function itemBody(item, index) {
      var container = h("div", {className: "bina-ds__bank-body"});
      function refresh(focusId) {
        build();
        var target = focusId && document.getElementById(focusId);
        if (target && !target.disabled) { target.focus(); }
      }
      function retitle() {
        var summary = container.parentNode && container.parentNode.querySelector("summary");
        if (summary) { summary.textContent = itemTitle(item, index); }
      }
      function build() {
        container.textContent = "";
        container.appendChild(h("div", {className: "bina-ds__grid"}, [
          itemField(item, index, "id", "text", gettext("Item id"), retitle),
          itemField(item, index, "type", "select", gettext("Item type"), function () {
            if (item.type === "likert" && item.options.length !== config.limits.likert_size) { item.options = likertOptions(); }
            retitle();
            refresh(uid + "-i" + index + "-type");
          }),
          itemField(item, index, "form", "select", gettext("Parallel form")),
          itemField(item, index, "pillar", "select", gettext("Pillar"), retitle),
          itemField(item, index, "competence", "select", gettext("DigComp competence")),
          itemField(item, index, "level", "select", gettext("Proficiency level"), retitle),
          itemField(item, index, "element", "select", gettext("Element")),
          itemField(item, index, "scenario", "textarea", item.type === "scenario" ? gettext("Scenario (the situation; required)") : gettext("Scenario (optional)")),
          itemField(item, index, "stem", "textarea", gettext("Question text"), retitle)
        ]));
        container.appendChild(h("h4", {text: gettext("Options")}));
        container.appendChild(optionsTable(item, index, refresh));
        container.appendChild(h("div", {className: "bina-ds__grid"}, [
          itemField(item, index, "feedback", "textarea", gettext("Feedback shown with the correct answer"))
        ]));
      }
      build();
      return container;
    }

    function renderBank(focus) {
      bankList.textContent = "";
      bank.forEach(function (item, index) {
        var details = h("details", {}, [h("summary", {text: itemTitle(item, index)})]);
        details.open = Boolean(openItems[item.id]);
        var filled = false;
        function fillBody() {
          if (filled) { return; }
          filled = true;
          details.appendChild(itemBody(item, index));
        }
        if (details.open) { fillBody(); }
        details.addEventListener("toggle", function () {
          openItems[item.id] = details.open;
          if (details.open) { fillBody(); }
        });
        var actions = [
          ["up", gettext("Move up"), function () { move(index, -1, "up"); }, index === 0],
          ["down", gettext("Move down"), function () { move(index, 1, "down"); }, index === bank.length - 1],
          ["copy", gettext("Duplicate"), function () { duplicate(index); }, false],
          ["delete", gettext("Delete"), function () { remove(index); }, false]
        ].map(function (action) {
          var button = h("button", {type: "button", className: "bina-ds__button" + (action[0] === "delete" ? " bina-ds__button--danger" : ""),
            id: uid + "-item-" + index + "-" + action[0], text: action[1],
            "aria-label": fill(gettext("{action} item {id}"), {action: action[1], id: item.id || index + 1})});
          button.disabled = action[3];
          button.addEventListener("click", action[2]);
          return button;
        });
        bankList.appendChild(h("li", {className: "bina-ds__bank-item"}, [details, h("div", {className: "bina-ds__item-actions"}, actions)]));
      });
      summarize();
      if (focus) {
        var target = document.getElementById(focus);
        if (target && !target.disabled) { target.focus(); }
        else if (target) { var summary = target.closest("li").querySelector("summary"); if (summary) { summary.focus(); } }
      }
    }

    function move(index, step, which) {
      var moved = bank.splice(index, 1)[0];
      bank.splice(index + step, 0, moved);
      renderBank(uid + "-item-" + (index + step) + "-" + which);
      say(fill(gettext("Item {id} moved to position {n}."), {id: moved.id, n: index + step + 1}));
    }

    function duplicate(index) {
      var twin = copy(bank[index]);
      twin.id = newItemId(twin.pillar);
      bank.splice(index + 1, 0, twin);
      openItems[twin.id] = true;
      renderBank(uid + "-item-" + (index + 1) + "-copy");
      say(fill(gettext("Item {id} added as a copy."), {id: twin.id}));
    }

    function remove(index) {
      lastDeleted = {item: bank[index], index: index};
      bank.splice(index, 1);
      renderBank(uid + "-item-" + Math.min(index, bank.length - 1) + "-delete");
      status.textContent = fill(gettext("Item {id} deleted."), {id: lastDeleted.item.id}) + " ";
      var undo = h("button", {type: "button", className: "bina-ds__button", text: gettext("Undo")});
      undo.addEventListener("click", function () {
        bank.splice(lastDeleted.index, 0, lastDeleted.item);
        var restored = lastDeleted;
        lastDeleted = null;
        renderBank(uid + "-item-" + restored.index + "-delete");
        say(fill(gettext("Item {id} restored."), {id: restored.item.id}));
      });
      status.appendChild(undo);
    }

    function bankSection() {
      var meta = config.fields.bank;
      var add = h("button", {type: "button", className: "bina-ds__button", text: gettext("Add an item")});
      add.addEventListener("click", function () {
        var item = blankItem();
        bank.push(item);
        openItems[item.id] = true;
        renderBank(null);
        var field = document.getElementById(uid + "-i" + (bank.length - 1) + "-stem");
        if (field) { field.focus(); }
        say(fill(gettext("Item {id} added at the end."), {id: item.id}));
      });
      var fileId = uid + "-file";
      var file = h("input", {type: "file", id: fileId, accept: ".csv,.json,.yaml,.yml,text/csv,application/json"});
      var modeName = uid + "-import-mode";
      var replace = h("input", {type: "radio", name: modeName, id: modeName + "-replace", value: "replace"});
      var append = h("input", {type: "radio", name: modeName, id: modeName + "-append", value: "append"});
      replace.checked = true;
      file.addEventListener("change", function () {
        if (!file.files.length) { return; }
        var chosen = file.files[0];
        say(fill(gettext("Reading {file}..."), {file: chosen.name}));
        chosen.arrayBuffer().then(function (buffer) {
          return post("import_bank", {
            filename: chosen.name,
            content_base64: base64(buffer),
            mode: append.checked ? "append" : "replace",
            existing_ids: bank.map(function (item) { return item.id; })
          });
        }).then(function (result) {
          bank = append.checked ? bank.concat(result.items) : result.items;
          openItems = {};
          renderBank(null);
          showProblems("", []);
          say(result.message);
        }, function (error) {
          say("");
          showProblems(error.message, error.problems);
          messages.focus();
        }).then(function () { file.value = ""; });
      });
      var exports = Object.keys(config.export_urls).map(function (fmt) {
        return h("a", {href: config.export_urls[fmt], download: "", className: "bina-ds__button", text: fill(gettext("Export {format}"), {format: fmt.toUpperCase()})});
      });
      return h("section", {className: "bina-ds__section", "aria-labelledby": uid + "-bank"}, [
        h("h3", {id: uid + "-bank", text: meta.label}),
        h("p", {className: "bina-ds__help", text: meta.help}),
        bankSummary,
        h("div", {className: "bina-ds__toolbar"}, [add]),
        h("fieldset", {className: "bina-ds__section"}, [
          h("legend", {text: gettext("Import or export the bank")}),
          h("div", {className: "bina-ds__toolbar"}, [
            h("div", {className: "bina-ds__field--check"}, [replace, h("label", {"for": replace.id, text: gettext("Replace the bank")})]),
            h("div", {className: "bina-ds__field--check"}, [append, h("label", {"for": append.id, text: gettext("Add to the bank")})])
          ]),
          h("div", {className: "bina-ds__field"}, [
            h("label", {"for": fileId, text: gettext("Bank file (CSV, JSON or YAML)")}), file,
            h("p", {className: "bina-ds__help", text: gettext("The file is checked first; a file with problems changes nothing. Imported items appear below; save to keep them.")})
          ]),
          h("div", {className: "bina-ds__toolbar"}, exports),
          h("p", {className: "bina-ds__help", text: gettext("Export gives the saved bank: save first to include your changes.")})
        ]),
        bankList
      ]);
    }

    /* ---------------------------------------------------------------- save and cancel */
    function save(button) {
      button.disabled = true;
      say(gettext("Saving..."));
      runtime.notify("save", {state: "start", message: gettext("Saving")});
      post("studio_submit", {settings: settings, recommendations: recommendations, bank: bank}).then(function (result) {
        button.disabled = false;
        config.bank = result.bank;
        config.settings = copy(settings);
        config.recommendations = copy(recommendations);
        bank = copy(result.bank);
        renderBank(null);
        if (result.warnings && result.warnings.length) { showProblems(gettext("Saved. Worth a look:"), result.warnings, "warning"); }
        else { showProblems("", []); }
        say(gettext("Saved."));
        runtime.notify("save", {state: "end"});
      }, function (error) {
        button.disabled = false;
        say("");
        showProblems(error.message, error.problems);
        messages.focus();
        runtime.notify("error", {title: gettext("Nothing was saved"), message: error.message});
      });
    }

    function render() {
      body.textContent = "";
      var saveButton = h("button", {type: "button", className: "bina-ds__button bina-ds__button--primary", text: gettext("Save")});
      var cancel = h("button", {type: "button", className: "bina-ds__button", text: gettext("Cancel")});
      saveButton.addEventListener("click", function () { save(saveButton); });
      cancel.addEventListener("click", function () {
        reset();
        render();
        say(gettext("Changes discarded."));
        runtime.notify("cancel", {});
      });
      body.appendChild(h("form", {className: "bina-ds__editor-form", novalidate: true, onsubmit: function (event) { event.preventDefault(); }}, [
        messages,
        settingsSection(),
        recommendationsSection(),
        bankSection(),
        h("div", {className: "bina-ds__actions"}, [saveButton, cancel, status])
      ]));
      renderBank(null);
      var validation = config.validation || {};
      if (validation.errors && validation.errors.length) { showProblems(gettext("Problems to fix before learners can take it"), validation.errors); }
      else if (validation.warnings && validation.warnings.length) { showProblems(gettext("Worth a look"), validation.warnings, "warning"); }
    }

    reset();
    render();
  }

  global.BinaDigitalSkillsEditor = BinaDigitalSkillsEditor;
}(window));
