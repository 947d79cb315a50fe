/* Bina ASN digital-skills assessment: the learner's view (introduction, items, results).
 *
 * One initializer per view (BinaDigitalSkillsView). The server sends the whole state as JSON in the
 * block's HTML (answer keys only after submission, when the author's setting allows); this script
 * lays it out with DOM APIs (text is always set as text, never as HTML) and talks to the block's
 * handlers: start_attempt, save_progress, submit.
 */
(function (global) {
  "use strict";

  var PAGE_SIZE = 10;
  var SAVE_DELAY_MS = 800;
  var instances = 0;

  function catalog() {
    var ns = global.BinaDigitalSkillsI18N;
    if (ns && typeof ns.gettext === "function") { return ns; }
    if (global.django && typeof global.django.gettext === "function") { return global.django; }
    return {gettext: function (s) { return s; }, ngettext: function (s, p, n) { return n === 1 ? s : p; }};
  }

  function gettext(message) { return catalog().gettext(message); }

  function ngettext(singular, plural, count) { return catalog().ngettext(singular, plural, count); }

  /* "{name}" placeholders, as in the Python messages. */
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

  function svg(tag, attrs, text) {
    var node = document.createElementNS("http://www.w3.org/2000/svg", tag);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function csrfToken() {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  function BinaDigitalSkillsView(runtime, element) {
    var root = element.querySelector(".bina-ds");
    var body = root.querySelector(".bina-ds__body");
    var state = JSON.parse(root.querySelector(".bina-ds__data").textContent);
    var uid = "bina-ds-" + (++instances);
    var language = state.language || document.documentElement.lang || "id";
    var numbers = new Intl.NumberFormat(language, {maximumFractionDigits: 1});
    var decimals = new Intl.NumberFormat(language, {minimumFractionDigits: 2, maximumFractionDigits: 2});
    var page = 0;
    var answers = {};
    var unsaved = {};
    var saveTimer = null;
    var saving = null;

    function number(value) { return value === null || value === undefined ? "-" : numbers.format(value); }

    function signed(value) { return (value > 0 ? "+" : "") + numbers.format(value); }

    function when(iso) {
      if (!iso) { return ""; }
      var formatted = new Intl.DateTimeFormat(language, {
        timeZone: "Asia/Jakarta", day: "numeric", month: "long", year: "numeric", hour: "2-digit", minute: "2-digit"
      }).format(new Date(iso));
      return formatted + " WIB";
    }

    function post(handler, payload, options) {
      return fetch(runtime.handlerUrl(element, handler), Object.assign({
        method: "POST",
        credentials: "same-origin",
        headers: {
          "Content-Type": "application/json",
          "X-CSRFToken": csrfToken(),
          "X-Requested-With": "XMLHttpRequest"
        },
        body: JSON.stringify(payload)
      }, options || {})).then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (data) {
          if (!response.ok) {
            var error = new Error(data.error || gettext("Something went wrong. Please try again."));
            error.status = response.status;
            throw error;
          }
          return data;
        });
      }, function () {
        throw new Error(gettext("The server could not be reached. Check your connection and try again."));
      });
    }

    function clear() { while (body.firstChild) { body.removeChild(body.firstChild); } }

    function alertBox(message) {
      return h("div", {className: "bina-ds__alert", role: "alert"}, [h("p", {text: message})]);
    }

    function focusHeading(heading) {
      heading.setAttribute("tabindex", "-1");
      heading.focus();
    }

    function render(focus) {
      clear();
      var phase = state.phase;
      root.setAttribute("data-phase", phase);
      if (phase === "signin") { body.appendChild(h("p", {className: "bina-ds__notice", text: gettext("Please sign in to take the assessment.")})); return; }
      if (phase === "unavailable") { renderUnavailable(); return; }
      if (phase === "intro") { renderIntro(focus); return; }
      if (phase === "taking") { renderTaking(focus); return; }
      renderResults(focus);
    }

    /* ---------------------------------------------------------------- not ready */
    function renderUnavailable() {
      body.appendChild(h("p", {className: "bina-ds__notice", text: gettext("This assessment is not ready yet. Please tell the course team.")}));
      if (state.problems && state.problems.length) {
        body.appendChild(h("div", {className: "bina-ds__problems"}, [
          h("h4", {text: gettext("Problems in the item bank (only the course team sees this)")}),
          h("ul", {}, state.problems.map(function (problem) { return h("li", {text: problem}); }))
        ]));
      }
    }

    /* ---------------------------------------------------------------- introduction */
    function attemptsText() {
      var attempts = state.attempts || {};
      if (!attempts.allowed) { return gettext("You may take it as often as you like."); }
      return fill(ngettext("You have {left} of {allowed} attempt left.", "You have {left} of {allowed} attempts left.", attempts.left),
        {left: attempts.left, allowed: attempts.allowed});
    }

    function pairingNote() {
      if (state.mode === "pre") {
        return gettext("This is the pre-test. After the training, a post-test will show how much you have gained.");
      }
      if (state.mode !== "post") { return null; }
      if (state.pre_test) {
        return fill(gettext("Your pre-test result ({score} of 100, {date}) will be compared with this post-test."),
          {score: number(state.pre_test.score), date: when(state.pre_test.submitted)});
      }
      return gettext("No pre-test result of yours was found, so no gain can be shown. You can still take this post-test.");
    }

    function renderIntro(focus) {
      var left = state.attempts ? state.attempts.left : null;
      var heading = h("h4", {text: gettext("Before you start")});
      var start = h("button", {type: "button", className: "bina-ds__button bina-ds__button--primary", text: gettext("Start the assessment")});
      var status = h("div", {className: "bina-ds__status", "aria-live": "polite"});
      start.disabled = left === 0;
      start.addEventListener("click", function () {
        start.disabled = true;
        status.textContent = gettext("Preparing your questions...");
        post("start_attempt", {}).then(function (next) {
          state = next;
          render(true);
        }, function (error) {
          start.disabled = false;
          status.textContent = "";
          status.appendChild(alertBox(error.message));
        });
      });
      body.appendChild(h("section", {className: "bina-ds__intro", "aria-labelledby": uid + "-intro"}, [
        heading,
        h("p", {text: state.instructions || gettext("This assessment shows how you use digital technology at work, in four pillars: Cakap, Etika, Aman and Budaya Digital. Answer honestly: the result helps choose the training you need.")}),
        h("ul", {className: "bina-ds__facts"}, [
          h("li", {text: fill(ngettext("{count} question, about {minutes} minutes.", "{count} questions, about {minutes} minutes.", state.item_count), {count: state.item_count, minutes: state.minutes})}),
          h("li", {text: gettext("Your answers are saved as you go: you can close the page and continue later.")}),
          h("li", {text: attemptsText()}),
          pairingNote() ? h("li", {text: pairingNote()}) : null
        ]),
        start,
        status
      ]));
      heading.id = uid + "-intro";
      if (focus) { focusHeading(heading); }
    }

    /* ---------------------------------------------------------------- answering */
    function answeredCount() {
      return state.draft.items.filter(function (item) { return (answers[item.id] || []).length > 0; }).length;
    }

    function scheduleSave() {
      if (saveTimer) { clearTimeout(saveTimer); }
      saveTimer = setTimeout(saveNow, SAVE_DELAY_MS);
    }

    function saveNow(options) {
      if (saveTimer) { clearTimeout(saveTimer); saveTimer = null; }
      var ids = Object.keys(unsaved);
      if (!ids.length) { return saving || Promise.resolve(); }
      var payload = {answers: {}};
      ids.forEach(function (id) { payload.answers[id] = answers[id] || []; });
      unsaved = {};
      var status = body.querySelector(".bina-ds__saved");
      if (status) { status.textContent = gettext("Saving..."); }
      saving = post("save_progress", payload, options).then(function (result) {
        saving = null;
        state.draft.saved = result.saved;
        var current = body.querySelector(".bina-ds__saved");
        if (current) { current.textContent = fill(gettext("Answers saved at {time}."), {time: when(result.saved)}); }
      }, function (error) {
        saving = null;
        ids.forEach(function (id) { unsaved[id] = true; });
        var current = body.querySelector(".bina-ds__saved");
        if (current) { current.textContent = fill(gettext("Not saved: {reason}"), {reason: error.message}); }
        throw error;
      });
      return saving.catch(function () {});
    }

    function hintFor(item) {
      if (item.type === "multiple") { return gettext("Choose all options that are right."); }
      if (item.type === "likert") { return gettext("Choose the point on the scale that fits you best."); }
      return gettext("Choose one option.");
    }

    function renderItem(item, index) {
      var base = uid + "-q" + index;
      var described = [];
      var scenario = null;
      if (item.scenario) {
        scenario = h("div", {className: "bina-ds__scenario", id: base + "-scenario"}, [
          h("p", {className: "bina-ds__scenario-label", text: gettext("Situation")}),
          h("p", {text: item.scenario})
        ]);
        described.push(base + "-scenario");
      }
      var hint = h("p", {className: "bina-ds__hint", id: base + "-hint", text: hintFor(item)});
      described.push(base + "-hint");
      var type = item.type === "multiple" ? "checkbox" : "radio";
      var chosen = answers[item.id] || [];
      var options = item.options.map(function (option, position) {
        var id = base + "-o" + position;
        var input = h("input", {type: type, id: id, name: base, value: option.id});
        input.checked = chosen.indexOf(option.id) >= 0;
        input.addEventListener("change", function () {
          var inputs = fieldset.querySelectorAll("input");
          answers[item.id] = Array.prototype.filter.call(inputs, function (box) { return box.checked; })
            .map(function (box) { return box.value; });
          unsaved[item.id] = true;
          updateProgress();
          scheduleSave();
        });
        return h("div", {className: "bina-ds__option"}, [input, h("label", {"for": id, text: option.text})]);
      });
      var fieldset = h("fieldset", {className: "bina-ds__question bina-ds__question--" + item.type, "aria-describedby": described.join(" ")}, [
        h("legend", {}, [
          h("span", {className: "bina-ds__qnum", text: fill(gettext("Question {n}"), {n: index + 1})}),
          " ",
          h("span", {className: "bina-ds__pillar", text: item.pillar_name}),
          h("span", {className: "bina-ds__stem", text: item.stem})
        ]),
        hint,
        h("div", {className: "bina-ds__options"}, options)
      ]);
      return h("li", {className: "bina-ds__item", value: String(index + 1), "data-item-id": item.id}, [scenario, fieldset]);
    }

    function updateProgress() {
      var total = state.draft.items.length;
      var done = answeredCount();
      var text = body.querySelector(".bina-ds__progress-text");
      var bar = body.querySelector(".bina-ds__progress progress");
      if (text) { text.textContent = fill(gettext("{done} of {total} answered"), {done: done, total: total}); }
      if (bar) { bar.value = done; }
    }

    function renderTaking(focus) {
      var items = state.draft.items;
      answers = {};
      Object.keys(state.draft.answers || {}).forEach(function (id) { answers[id] = state.draft.answers[id].slice(); });
      var pages = Math.max(1, Math.ceil(items.length / PAGE_SIZE));
      page = Math.min(page, pages - 1);
      var first = page * PAGE_SIZE;
      var last = Math.min(first + PAGE_SIZE, items.length);
      var heading = h("h4", {className: "bina-ds__page-title", id: uid + "-page",
        text: fill(gettext("Questions {from} to {to} of {total}"), {from: first + 1, to: last, total: items.length})});
      var list = h("ol", {className: "bina-ds__items", start: String(first + 1)},
        items.slice(first, last).map(function (item, offset) { return renderItem(item, first + offset); }));
      var saved = h("p", {className: "bina-ds__saved", role: "status",
        text: state.draft.saved ? fill(gettext("Answers saved at {time}."), {time: when(state.draft.saved)}) : gettext("Your answers are saved automatically.")});
      var previous = h("button", {type: "button", className: "bina-ds__button", text: gettext("Previous questions")});
      var next = h("button", {type: "button", className: "bina-ds__button", text: gettext("Next questions")});
      previous.disabled = page === 0;
      next.disabled = page >= pages - 1;
      previous.addEventListener("click", function () { turn(-1); });
      next.addEventListener("click", function () { turn(1); });
      var submit = h("button", {type: "button", className: "bina-ds__button bina-ds__button--primary", text: gettext("Submit answers")});
      submit.addEventListener("click", function () { confirmSubmit(submit); });
      var errors = h("div", {className: "bina-ds__errors", "aria-live": "assertive"});
      body.appendChild(h("section", {className: "bina-ds__taking", "aria-labelledby": uid + "-page"}, [
        h("div", {className: "bina-ds__progress"}, [
          h("label", {"for": uid + "-progress", className: "bina-ds__progress-text"}),
          h("progress", {id: uid + "-progress", max: String(items.length), value: "0"})
        ]),
        saved,
        heading,
        list,
        h("nav", {className: "bina-ds__pager", "aria-label": gettext("Question pages")}, [
          previous,
          h("span", {className: "bina-ds__page-of", text: fill(gettext("Page {page} of {pages}"), {page: page + 1, pages: pages})}),
          next
        ]),
        errors,
        h("div", {className: "bina-ds__actions"}, [submit])
      ]));
      updateProgress();
      if (focus) { focusHeading(heading); }
    }

    function turn(step) {
      saveNow();
      state.draft.answers = answers;
      page += step;
      render(true);
    }

    function confirmSubmit(trigger) {
      var total = state.draft.items.length;
      var done = answeredCount();
      var missing = total - done;
      var titleId = uid + "-confirm-title";
      var textId = uid + "-confirm-text";
      var confirm = h("button", {type: "button", className: "bina-ds__button bina-ds__button--primary", text: gettext("Yes, submit my answers")});
      var cancel = h("button", {type: "button", className: "bina-ds__button", text: gettext("Back to the questions")});
      var dialog = h("dialog", {className: "bina-ds__dialog", "aria-labelledby": titleId, "aria-describedby": textId}, [
        h("h4", {id: titleId, text: gettext("Submit your answers?")}),
        h("div", {id: textId}, [
          h("p", {text: fill(gettext("You have answered {done} of {total} questions."), {done: done, total: total})}),
          missing ? h("p", {className: "bina-ds__warning", text: fill(ngettext("{n} question is still unanswered and will count as wrong.", "{n} questions are still unanswered and will count as wrong.", missing), {n: missing})}) : null,
          h("p", {text: gettext("After you submit, you cannot change your answers.")})
        ]),
        h("div", {className: "bina-ds__actions"}, [confirm, cancel])
      ]);
      root.appendChild(dialog);
      function close() {
        dialog.close();
        dialog.remove();
        trigger.focus();
      }
      cancel.addEventListener("click", close);
      dialog.addEventListener("cancel", function (event) { event.preventDefault(); close(); });
      confirm.addEventListener("click", function () {
        confirm.disabled = true;
        cancel.disabled = true;
        confirm.textContent = gettext("Submitting...");
        submitNow().then(function (next) {
          // Close first: closing a modal dialog moves focus back, and the results heading takes it after.
          dialog.close();
          dialog.remove();
          unsaved = {};
          state = next;
          page = 0;
          render(true);
        }, function (error) {
          close();
          var box = body.querySelector(".bina-ds__errors");
          if (box) { box.textContent = ""; box.appendChild(alertBox(error.message)); }
        });
      });
      dialog.showModal();
      confirm.focus();
    }

    function submitNow() {
      if (saveTimer) { clearTimeout(saveTimer); saveTimer = null; }
      var payload = {answers: {}};
      state.draft.items.forEach(function (item) { if (answers[item.id]) { payload.answers[item.id] = answers[item.id]; } });
      return (saving || Promise.resolve()).catch(function () {}).then(function () {
        return post("submit", payload);
      });
    }

    /* ---------------------------------------------------------------- results */
    function chart(result) {
      var rows = result.pillars;
      var compare = rows.some(function (row) { return row.pre !== undefined; });
      var barHeight = 18, gap = compare ? 4 : 0, groupGap = 18, labelWidth = 210, width = 640, scale = (width - labelWidth - 60) / 100;
      var groupHeight = compare ? barHeight * 2 + gap : barHeight;
      var height = rows.length * (groupHeight + groupGap) + 40;
      var chartTitle = compare ? gettext("Pre-test and post-test scores per pillar (0-100)") : gettext("Scores per pillar (0-100)");
      var root = svg("svg", {viewBox: "0 0 " + width + " " + height, role: "img", "aria-label": chartTitle + ". " + gettext("The table below lists the same numbers."), "class": "bina-ds__chart-svg", focusable: "false"});
      rows.forEach(function (row, index) {
        var y = 10 + index * (groupHeight + groupGap);
        root.appendChild(svg("text", {x: 0, y: y + groupHeight / 2 + 5, "class": "bina-ds__chart-label"}, row.name));
        var bars = compare ? [["pre", row.pre], ["post", row.score]] : [["post", row.score]];
        bars.forEach(function (bar, position) {
          var barY = y + position * (barHeight + gap);
          var value = bar[1] === undefined ? 0 : bar[1];
          root.appendChild(svg("rect", {x: labelWidth, y: barY, width: Math.max(value * scale, 1), height: barHeight, "class": "bina-ds__bar bina-ds__bar--" + bar[0]}));
          root.appendChild(svg("text", {x: labelWidth + Math.max(value * scale, 1) + 6, y: barY + barHeight - 4, "class": "bina-ds__chart-value"}, number(value)));
        });
      });
      var axisY = height - 18;
      [0, 50, 100].forEach(function (tick) {
        root.appendChild(svg("text", {x: labelWidth + tick * scale, y: axisY + 14, "class": "bina-ds__chart-tick", "text-anchor": "middle"}, String(tick)));
      });
      var legend = compare ? h("p", {className: "bina-ds__legend"}, [
        h("span", {className: "bina-ds__key bina-ds__key--pre", "aria-hidden": "true"}), gettext("Pre-test"), " ",
        h("span", {className: "bina-ds__key bina-ds__key--post", "aria-hidden": "true"}), gettext("Post-test")
      ]) : null;
      return h("figure", {className: "bina-ds__chart"}, [root, legend, h("figcaption", {text: chartTitle})]);
    }

    function pillarTable(result) {
      var compare = result.pillars.some(function (row) { return row.pre !== undefined; });
      var headings = [gettext("Pillar"), gettext("Score (0-100)")];
      if (compare) { headings = headings.concat([gettext("Pre-test"), gettext("Gain (points)"), gettext("Normalised gain g")]); }
      headings.push(gettext("Reading"));
      return scroller(gettext("Scores per pillar"), h("table", {className: "bina-ds__table"}, [
        h("caption", {text: gettext("Scores per pillar")}),
        h("thead", {}, [h("tr", {}, headings.map(function (text) { return h("th", {scope: "col", text: text}); }))]),
        h("tbody", {}, result.pillars.map(function (row) {
          var cells = [h("th", {scope: "row", text: row.name}), h("td", {text: number(row.score)})];
          if (compare) {
            cells.push(h("td", {text: number(row.pre)}));
            cells.push(h("td", {text: row.gain === undefined ? "-" : signed(row.gain)}));
            cells.push(h("td", {text: row.g === null || row.g === undefined ? "-" : decimals.format(row.g)}));
          }
          cells.push(h("td", {text: row.strength ? gettext("Strength") : (row.gap ? gettext("Needs work") : gettext("Fair"))}));
          return h("tr", {}, cells);
        }))
      ]));
    }

    /* A wide table scrolls inside its own box on a phone instead of widening the page; the box takes
       keyboard focus so that it can be scrolled without a mouse. */
    function scroller(label, table) {
      return h("div", {className: "bina-ds__scroll", tabindex: "0", role: "region", "aria-label": label}, [table]);
    }

    function areaTable(result) {
      if (!result.areas.length) { return null; }
      return h("table", {className: "bina-ds__table"}, [
        h("caption", {text: gettext("Proficiency per DigComp area")}),
        h("thead", {}, [h("tr", {}, [h("th", {scope: "col", text: gettext("Area")}), h("th", {scope: "col", text: gettext("Proficiency band")})])]),
        h("tbody", {}, result.areas.map(function (area) {
          return h("tr", {}, [h("th", {scope: "row", text: area.code + ". " + area.name}), h("td", {text: area.band_name})]);
        }))
      ]);
    }

    function competenceTable(result) {
      if (!result.competences.length) { return null; }
      return h("details", {className: "bina-ds__details"}, [
        h("summary", {text: gettext("Scores per DigComp competence")}),
        h("table", {className: "bina-ds__table"}, [
          h("caption", {className: "bina-ds__sr", text: gettext("Scores per DigComp competence")}),
          h("thead", {}, [h("tr", {}, [h("th", {scope: "col", text: gettext("Competence")}), h("th", {scope: "col", text: gettext("Score (0-100)")}), h("th", {scope: "col", text: gettext("Evidence")})])]),
          h("tbody", {}, result.competences.map(function (row) {
            var evidence = row.enough ? fill(ngettext("{n} item", "{n} items", row.items), {n: row.items}) :
              fill(ngettext("Not enough evidence ({n} item)", "Not enough evidence ({n} items)", row.items), {n: row.items});
            return h("tr", {}, [h("th", {scope: "row", text: row.code + " " + row.name}), h("td", {text: number(row.score)}), h("td", {text: evidence})]);
          }))
        ]),
        h("p", {className: "bina-ds__meta", text: fill(gettext("A competence is called a strength or a gap only when at least {n} questions measured it; with fewer, there is not enough evidence to say."), {n: result.min_evidence})})
      ]);
    }

    function selfRatings(result) {
      if (!result.self_ratings || !result.self_ratings.length) { return null; }
      return h("section", {className: "bina-ds__self"}, [
        h("h5", {text: gettext("Your self-ratings")}),
        h("p", {className: "bina-ds__meta", text: gettext("How you rated yourself (1-5). This is your own perception, shown apart: it is not part of your score.")}),
        h("ul", {}, result.self_ratings.map(function (row) {
          return h("li", {text: fill(gettext("{pillar}: {rating} of 5"), {pillar: row.name, rating: decimals.format(row.rating)})});
        }))
      ]);
    }

    function list(items) { return h("ul", {}, items.map(function (text) { return h("li", {text: text}); })); }

    function strengthsAndGaps(result) {
      var parts = [h("h5", {text: gettext("Strengths")})];
      parts.push(result.strengths.length ? list(result.strengths) : h("p", {text: gettext("No pillar reached 75 yet.")}));
      parts.push(h("h5", {text: gettext("To improve")}));
      parts.push(result.gaps.length ? list(result.gaps) : h("p", {text: gettext("No pillar is below 60.")}));
      if (result.competence_gaps.length) {
        parts.push(h("p", {text: gettext("The competences that need the most work:")}));
        parts.push(list(result.competence_gaps.map(function (gap) {
          return fill(gettext("{code} {name} ({score} of 100)"), {code: gap.code, name: gap.name, score: number(gap.score)});
        })));
      }
      return h("div", {className: "bina-ds__columns"}, parts);
    }

    function recommendations(result) {
      if (!result.recommendations.length) { return null; }
      return h("section", {className: "bina-ds__recommendations"}, [
        h("h5", {text: gettext("Recommended next steps")}),
        h("ul", {}, result.recommendations.map(function (group) {
          return h("li", {}, [
            h("span", {className: "bina-ds__pillar", text: group.name}),
            h("ul", {}, group.links.map(function (link) {
              var external = /^https?:/.test(link.url);
              return h("li", {}, [h("a", {href: link.url, text: link.title, rel: external ? "noopener" : null})]);
            }))
          ]);
        }))
      ]);
    }

    function review(result) {
      if (!result.review) {
        return result.review_note ? h("p", {className: "bina-ds__notice", text: result.review_note}) : null;
      }
      return h("section", {className: "bina-ds__review"}, [
        h("h5", {text: gettext("Answers and feedback")}),
        h("ol", {}, result.review.map(function (item) {
          var options = item.options.map(function (option) {
            var marks = [];
            if (option.chosen) { marks.push(gettext("your answer")); }
            if (option.correct) { marks.push(gettext("correct answer")); }
            var classes = "bina-ds__review-option" + (option.correct ? " is-correct" : "") + (option.chosen ? " is-chosen" : "");
            return h("li", {className: classes}, [
              option.text,
              marks.length ? h("strong", {className: "bina-ds__mark", text: " (" + marks.join(", ") + ")"}) : null,
              option.chosen && option.feedback ? h("p", {className: "bina-ds__feedback", text: option.feedback}) : null
            ]);
          });
          var earned = item.earned === null || item.earned === undefined ? gettext("not scored") : fill(gettext("{points} of 1 point"), {points: number(item.earned)});
          return h("li", {className: "bina-ds__review-item", value: String(item.number)}, [
            h("p", {className: "bina-ds__review-meta", text: item.pillar_name + (item.competence ? " · DigComp " + item.competence : "") + " · " + earned}),
            item.scenario ? h("p", {className: "bina-ds__scenario", text: item.scenario}) : null,
            h("p", {className: "bina-ds__stem", text: item.stem}),
            h("ul", {}, options),
            item.feedback ? h("p", {className: "bina-ds__feedback", text: item.feedback}) : null
          ]);
        }))
      ]);
    }

    function renderResults(focus) {
      var result = state.result;
      var heading = h("h4", {text: gettext("Your results")});
      var verdict = result.passed ? gettext("Passed") : gettext("Not passed yet");
      var parts = [
        heading,
        h("p", {className: "bina-ds__summary"}, [
          h("strong", {text: fill(gettext("Overall score: {score} of 100"), {score: number(result.score)})}),
          " · " + verdict + " " + fill(gettext("(pass mark {threshold})"), {threshold: result.pass_threshold})
        ]),
        h("p", {className: "bina-ds__meta", text: fill(gettext("Attempt {n}, submitted {date}. You answered {answered} of {total} questions."),
          {n: result.attempt_number, date: when(result.submitted), answered: result.answered, total: result.total}) +
          (result.form ? " " + fill(gettext("Form {form}."), {form: result.form}) : "")})
      ];
      if (result.overall) {
        var o = result.overall;
        parts.push(h("p", {className: "bina-ds__gain"}, [
          h("strong", {text: fill(gettext("Compared with your pre-test of {date}:"), {date: when(o.pre_submitted)})}),
          " " + fill(gettext("{pre} to {post} ({gain} points); normalised gain g = {g}."), {
            pre: number(o.pre), post: number(o.post), gain: signed(o.gain), g: o.g === null ? "-" : decimals.format(o.g)
          })
        ]));
        if (o.pre_form && result.form && o.pre_form !== result.form) {
          parts.push(h("p", {className: "bina-ds__meta", text: fill(gettext("Your pre-test used form {pre} and this post-test form {post}: different questions built from one blueprint (the same pillars, competences and levels), so the gain shows what you learned, not what you remembered of the questions."), {pre: o.pre_form, post: result.form})}));
        }
      } else if (state.mode === "post" && state.pre_test === null) {
        parts.push(h("p", {className: "bina-ds__notice", text: gettext("No pre-test result of yours was found, so no gain can be shown.")}));
      }
      parts.push(chart(result));
      parts.push(pillarTable(result));
      parts.push(areaTable(result));
      parts.push(competenceTable(result));
      parts.push(strengthsAndGaps(result));
      parts.push(selfRatings(result));
      parts.push(recommendations(result));
      parts.push(review(result));
      if (state.can_retake) {
        var status = h("div", {className: "bina-ds__status", "aria-live": "polite"});
        var left = state.attempts.left;
        var again = h("button", {type: "button", className: "bina-ds__button", text: left === null ? gettext("Take the assessment again") :
          fill(ngettext("Take the assessment again ({n} attempt left)", "Take the assessment again ({n} attempts left)", left), {n: left})});
        again.addEventListener("click", function () {
          again.disabled = true;
          post("start_attempt", {}).then(function (next) { state = next; page = 0; render(true); }, function (error) {
            again.disabled = false;
            status.textContent = "";
            status.appendChild(alertBox(error.message));
          });
        });
        parts.push(h("div", {className: "bina-ds__actions"}, [again, status]));
      }
      body.appendChild(h("section", {className: "bina-ds__results"}, parts));
      if (focus) { focusHeading(heading); }
    }

    global.addEventListener("pagehide", function () {
      if (state.phase === "taking" && Object.keys(unsaved).length) { saveNow({keepalive: true}); }
    });

    render(false);
    if (state.staff && global.BinaDigitalSkillsStaff) { global.BinaDigitalSkillsStaff(runtime, element, state.staff); }
  }

  global.BinaDigitalSkillsView = BinaDigitalSkillsView;
}(window));
