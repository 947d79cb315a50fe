/* Bina ASN digital-skills assessment: the course team's panel under the learner view.
 *
 * Loaded only for the course team (the block checks the LMS's user service; the handlers check
 * again). Shows, on request, the item analysis of each parallel form (difficulty p, corrected
 * point-biserial r, upper-lower D, option shares, flags, KR-20/alpha and SEM) and the course cohort's
 * gain with its interval, from the block's item_analysis handler; links the CSV download. Text is
 * always set as text, never as HTML.
 */
(function (global) {
  "use strict";

  var FEW_ATTEMPTS = 30;

  function catalog() {
    var ns = global.BinaDigitalSkillsI18N;
    if (ns && typeof ns.gettext === "function") { return ns; }
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

  var panels = 0;

  function BinaDigitalSkillsStaff(runtime, element, config) {
    var root = element.querySelector(".bina-ds");
    var language = document.documentElement.lang || "id";
    var two = new Intl.NumberFormat(language, {minimumFractionDigits: 2, maximumFractionDigits: 2});
    var one = new Intl.NumberFormat(language, {minimumFractionDigits: 1, maximumFractionDigits: 1});
    var percent = new Intl.NumberFormat(language, {style: "percent", maximumFractionDigits: 0});
    var headingId = "bina-ds-staff-" + (++panels);

    function fmt(formatter, value) { return value === null || value === undefined ? "-" : formatter.format(value); }

    function scroller(label, table) {
      return h("div", {className: "bina-ds__scroll", tabindex: "0", role: "region", "aria-label": label}, [table]);
    }

    var status = h("div", {className: "bina-ds__status", "aria-live": "polite"});
    var output = h("div", {className: "bina-ds__staff-output"});
    var load = h("button", {type: "button", className: "bina-ds__button", text: gettext("Show the item analysis")});
    var download = h("a", {className: "bina-ds__button bina-ds__button--link", href: config.csv_url, download: "", text: gettext("Download as CSV")});
    var section = h("section", {className: "bina-ds__staff", "aria-labelledby": headingId}, [
      h("h4", {id: headingId, text: gettext("Item analysis (course team only)")}),
      h("p", {className: "bina-ds__meta", text: gettext("How each question worked, from every learner's first attempt, per parallel form: how many answered it right (p), whether stronger learners answered it right more often (r, D), which options were chosen, and how reliable each form is. Learners do not see this.")}),
      h("div", {className: "bina-ds__actions"}, [load, download, status]),
      output
    ]);
    root.appendChild(section);

    load.addEventListener("click", function () {
      load.disabled = true;
      status.textContent = gettext("Computing...");
      fetch(config.analysis_url, {
        method: "POST",
        credentials: "same-origin",
        headers: {"Content-Type": "application/json", "X-CSRFToken": csrfToken(), "X-Requested-With": "XMLHttpRequest"},
        body: "{}"
      }).then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (data) {
          if (!response.ok) { throw new Error(data.error || gettext("Something went wrong. Please try again.")); }
          return data;
        });
      }).then(function (data) {
        status.textContent = "";
        while (output.firstChild) { output.removeChild(output.firstChild); }
        render(data);
        load.disabled = false;
        load.textContent = gettext("Refresh the item analysis");
      }, function (error) {
        load.disabled = false;
        status.textContent = "";
        status.appendChild(h("div", {className: "bina-ds__alert", role: "alert"}, [h("p", {text: error.message})]));
      });
    });

    function render(data) {
      data.forms.forEach(function (form) { output.appendChild(formSection(form, data.labels)); });
      if (data.gains) { output.appendChild(gainSection(data.gains, data.labels)); }
    }

    function formSection(form, labels) {
      var title = form.form ? fill(gettext("Form {form}"), {form: form.form}) : gettext("The whole bank");
      var parts = [h("h5", {text: title})];
      var kind = form.reliability_kind === "kr20" ? "KR-20" : gettext("Cronbach's alpha");
      parts.push(h("p", {className: "bina-ds__staff-summary", text: fill(gettext("{n} first attempts; reliability ({kind}) {reliability}; standard error of measurement {sem} points; mean {mean} of {items}."), {
        n: form.attempts, kind: kind, reliability: fmt(two, form.reliability), sem: fmt(one, form.sem), mean: fmt(one, form.mean), items: form.item_count
      })}));
      if (form.attempts === 0) {
        parts.push(h("p", {className: "bina-ds__notice", text: gettext("No learner has taken this form yet.")}));
        return h("section", {className: "bina-ds__staff-form"}, parts);
      }
      if (form.attempts < FEW_ATTEMPTS) {
        parts.push(h("p", {className: "bina-ds__notice", text: fill(gettext("Only {n} attempts: read the figures as rough indications until about {min} learners have taken this form."), {n: form.attempts, min: FEW_ATTEMPTS})}));
      }
      var caption = fill(gettext("Items of {form}"), {form: title});
      var table = h("table", {className: "bina-ds__table bina-ds__table--staff"}, [
        h("caption", {text: caption}),
        h("thead", {}, [h("tr", {}, [
          gettext("Item"), gettext("Difficulty p"), gettext("Discrimination r"), gettext("Index D"),
          gettext("Options chosen (all; top group)"), gettext("Flags")
        ].map(function (text) { return h("th", {scope: "col", text: text}); }))]),
        h("tbody", {}, form.items.map(function (item) { return itemRow(item, labels); }))
      ]);
      parts.push(scroller(caption, table));
      return h("section", {className: "bina-ds__staff-form"}, parts);
    }

    function itemRow(item, labels) {
      var where = (labels.pillars[item.pillar] || item.pillar) + (item.competence ? " · " + item.competence : "") + " · " + fill(gettext("level {level}"), {level: item.level});
      var options = h("ul", {className: "bina-ds__staff-options"}, item.options.map(function (option, index) {
        var letter = "abcdef".charAt(index);
        var text = fill(gettext("{letter}: {share} ({top})"), {letter: letter, share: fmt(percent, option.share), top: fmt(percent, option.top_share)});
        return h("li", {className: option.correct ? "is-key" : null, title: option.text}, [
          text, option.correct ? h("strong", {text: " " + gettext("key")}) : null
        ]);
      }));
      var flags = item.flags.length ? h("ul", {className: "bina-ds__staff-flags"}, item.flags.map(function (flag) {
        return h("li", {text: labels.flags[flag] || flag});
      })) : h("span", {text: gettext("none")});
      return h("tr", {className: item.flags.length ? "is-flagged" : null}, [
        h("th", {scope: "row"}, [h("span", {className: "bina-ds__staff-id", text: item.id}), h("br"), h("span", {className: "bina-ds__meta", text: where}), h("br"), h("span", {className: "bina-ds__staff-stem", text: item.stem})]),
        h("td", {text: fmt(two, item.p)}),
        h("td", {text: fmt(two, item.r)}),
        h("td", {text: fmt(two, item.d)}),
        h("td", {}, [options]),
        h("td", {}, [flags])
      ]);
    }

    function gainSection(gains, labels) {
      var caption = fill(gettext("Gain of the course cohort (pairing key {key})"), {key: gains.pairing_key});
      var rows = [[gettext("All pillars"), gains.overall]];
      Object.keys(gains.pillars).forEach(function (code) { rows.push([labels.pillars[code] || code, gains.pillars[code]]); });
      var table = h("table", {className: "bina-ds__table"}, [
        h("caption", {text: caption}),
        h("thead", {}, [h("tr", {}, [
          gettext("Scores"), gettext("Learners (pairs)"), gettext("Pre-test"), gettext("Post-test"), gettext("Gain (points)"),
          gettext("Normalised gain g (95% interval)"), gettext("Form A minus form B")
        ].map(function (text) { return h("th", {scope: "col", text: text}); }))]),
        h("tbody", {}, rows.map(function (row) {
          var g = row[1];
          var interval = g.g === null ? "-" : fmt(two, g.g) + (g.g_low === null ? "" : " (" + fmt(two, g.g_low) + " – " + fmt(two, g.g_high) + ")");
          return h("tr", {}, [
            h("th", {scope: "row", text: row[0]}), h("td", {text: String(g.pairs)}), h("td", {text: fmt(one, g.pre_mean)}),
            h("td", {text: fmt(one, g.post_mean)}), h("td", {text: fmt(one, g.gain)}), h("td", {text: interval}),
            h("td", {text: g.form_difference === null ? gettext("not estimated") : fmt(one, g.form_difference)})
          ]);
        }))
      ]);
      var overall = gains.overall;
      return h("section", {className: "bina-ds__staff-gain"}, [
        h("h5", {text: caption}),
        scroller(caption, table),
        h("p", {className: "bina-ds__meta", text: fill(gettext("Each learner's latest post-test against the latest pre-test before it. {a} learners took form A first and {b} form B first; scores are put on the scale midway between the forms, whose difference is estimated from the two halves. g = (post - pre) / (100 - pre) from the cohort means; the interval comes from 2,000 bootstrap resamples of the learners."), {a: overall.first_form_counts.A, b: overall.first_form_counts.B})})
      ]);
    }
  }

  global.BinaDigitalSkillsStaff = BinaDigitalSkillsStaff;
}(window));
