/* The supplier directory's logic, apart from the page (directory.js draws it): the query's words, the search over
   the shards' lunr indexes, the facets and areas, counting, sorting and paging the results, the status line and
   what to suggest when nothing fits. window.bro.directoryCore; node's test runner loads it as a module. */
(function (bro) {
  "use strict";
  /* Each checkbox facet and the supplier's field it filters on ("eligible" is its own yes/no facet). */
  var FACETS = { categories: "categories", countries: "country", targetGroups: "targetGroups",
                 registrations: "registrations", legalForm: "legalForm", languages: "languages" };
  var FACET_NAMES = Object.keys(FACETS).concat(["eligible"]);
  var PAGE = 50;  // results shown at first and added by "show more"

  /* A label with its {placeholders} filled in. */
  function format(text, params) {
    return text.replace(/\{(\w+)\}/g, function (_, key) { return params[key]; });
  }

  /* Query words as the index holds them: lower case, trimmed, without stop words and single letters. */
  function words(query, stopWord) {
    return query.toLowerCase().split(/[\s-]+/).map(function (word) {
      return word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
    }).filter(function (word) {
      return word.length > 1 && !(stopWord && stopWord(word) === undefined);
    });
  }

  /* The search over every loaded shard. ctx: indexes ([{offset, index}], filled as shards arrive), suppliers (in
     directory order), stopWord (the language's lunr stop-word filter or none) and trailing (lunr's
     Query.wildcard.TRAILING). Returns search(query): {position in the directory: score}, or null for no words. */
  function createSearch(ctx) {
    /* Hits of one lunr query over every loaded shard: {position in the directory: score}. */
    function run(build) {
      var hits = {};
      ctx.indexes.forEach(function (shard) {
        shard.index.query(build).forEach(function (hit) { hits[shard.offset + Number(hit.ref)] = hit.score; });
      });
      return hits;
    }

    function exactOrPrefix(word) {
      return run(function (q) {
        q.term(word, { boost: 10 });
        q.term(word, { usePipeline: false, wildcard: ctx.trailing, boost: 3 });
      });
    }

    /* A compound the suppliers write apart ("cykelreparation": "cykel…" and "reparation"): the suppliers that
       match both parts, the longest last part first (at least 4 letters, at least 3 before it). */
    function compound(word) {
      for (var at = 3; at <= word.length - 4; at += 1) {
        var head = word.slice(0, at), tail = word.slice(at);
        var tails = exactOrPrefix(tail), both = {}, found = false;
        if (!Object.keys(tails).length) { continue; }
        var heads = run(function (q) {
          q.term(head, { usePipeline: false, wildcard: ctx.trailing, boost: 1 });
        });
        Object.keys(heads).forEach(function (ref) {
          if (ref in tails) { both[ref] = heads[ref] + tails[ref]; found = true; }
        });
        if (found) { return both; }
      }
      return {};
    }

    /* The suppliers one query word finds: its stem, a word it begins, or a last part of a compound (indexed at
       build time). Only when none of these finds anything, a word of 5 letters or more is taken apart as a
       compound, and then read with a spelling one letter off (two from 8 letters): a short word is never taken
       for another ("städ" does not find "stad"). */
    function wordHits(word) {
      var hits = exactOrPrefix(word);
      if (Object.keys(hits).length || word.length < 5 || /\d/.test(word)) { return hits; }
      hits = compound(word);
      if (Object.keys(hits).length) { return hits; }
      return run(function (q) {
        q.term(word, { usePipeline: false, editDistance: word.length >= 8 ? 2 : 1, boost: 1 });
      });
    }

    /* Every word must match (AND); a word found in a supplier's name counts three times. */
    return function search(query) {
      var list = words(query, ctx.stopWord);
      if (!list.length) { return null; }
      var total = null;
      list.forEach(function (word) {
        var hits = wordHits(word);
        Object.keys(hits).forEach(function (ref) {
          if (ctx.suppliers[ref].name.toLowerCase().indexOf(word) >= 0) { hits[ref] *= 3; }
        });
        if (total === null) { total = hits; return; }
        var next = {};
        Object.keys(total).forEach(function (ref) { if (ref in hits) { next[ref] = total[ref] + hits[ref]; } });
        total = next;
      });
      return total;
    };
  }

  /* An area and the areas that contain it (municipality → region → country); areas: {code: [name, kind, ...parents]}. */
  function chain(areas, code) { return [code].concat((areas[code] || []).slice(2)); }

  /* Delivers somewhere in the chosen area: names it, something inside it, or something containing it. */
  function delivers(areas, supplier, code) {
    if (!code) { return true; }
    var up = chain(areas, code);
    return supplier.areas.some(function (area) {
      return up.indexOf(area) >= 0 || chain(areas, area).indexOf(code) >= 0;
    });
  }

  /* The codes a supplier has in one facet. */
  function values(supplier, facet) {
    if (facet === "eligible") { return supplier.eligible ? ["1"] : []; }
    var value = supplier[FACETS[facet]];
    return Array.isArray(value) ? value : (value ? [value] : []);
  }

  /* The facets a supplier fails in a state (each facet in use must share a code with the supplier). */
  function failedFacets(supplier, state) {
    return Object.keys(state.facets).filter(function (facet) {
      if (!state.facets[facet].length) { return false; }
      var have = values(supplier, facet);
      return !state.facets[facet].some(function (code) { return have.indexOf(code) >= 0; });
    });
  }

  /* What a state finds: matches ([{supplier, score}], best score first when there are words) and counts
     ({"facet:code": n}: how many would match with that option ticked too, each facet counted as if its own
     choice were open). scores: search(state.q) (null: no words). */
  function filter(suppliers, scores, state, areas) {
    var counts = {}, matches = [];
    suppliers.forEach(function (supplier, ref) {
      if (scores && !(String(ref) in scores)) { return; }
      if (!delivers(areas, supplier, state.area)) { return; }
      var failed = failedFacets(supplier, state);
      if (failed.length > 1) { return; }
      FACET_NAMES.forEach(function (facet) {
        if (failed.length && failed[0] !== facet) { return; }
        values(supplier, facet).forEach(function (code) {
          var key = facet + ":" + code;
          counts[key] = (counts[key] || 0) + 1;
        });
      });
      if (!failed.length) { matches.push({ supplier: supplier, score: scores ? scores[String(ref)] : 0 }); }
    });
    if (scores) { matches.sort(function (a, b) { return b.score - a.score; }); }
    return { matches: matches, counts: counts };
  }

  /* How many suppliers a state finds. */
  function countFor(suppliers, scores, state, areas) {
    var n = 0;
    suppliers.forEach(function (supplier, ref) {
      if (scores && !(String(ref) in scores)) { return; }
      if (delivers(areas, supplier, state.area) && !failedFacets(supplier, state).length) { n += 1; }
    });
    return n;
  }

  /* Whether a search, a filter or an area narrows the list. */
  function narrowed(scores, state) {
    return Boolean(scores || state.area || Object.keys(state.facets).some(function (facet) {
      return state.facets[facet].length;
    }));
  }

  /* The results on the page: the first shown, and whether "show more" has more to show. */
  function paged(matches, shown) {
    return { items: matches.slice(0, shown), more: matches.length > shown };
  }

  /* The status line: how many suppliers fit, and that more are on their way while shards are loading
     (not when loading failed: the page says so apart). */
  function statusText(ui, count, loading) {
    return (count === 0 ? ui.no_results : count === 1 ? ui.result_one : format(ui.result_count, { count: count }))
      + (loading ? " " + ui.loading : "");
  }

  function copy(state) { return JSON.parse(JSON.stringify(state)); }

  /* What a reader whom nothing fits could do instead, in order: widen the area to each area containing it
     ({kind: "area", code}), drop one chosen option ({kind: "drop", facet, code}), search without the words
     ({kind: "query", query}); each with the state it leads to. */
  function alternatives(state, areas) {
    var options = [];
    if (state.area && areas[state.area]) {
      areas[state.area].slice(2).forEach(function (wider) {
        var next = copy(state);
        next.area = wider;
        options.push({ kind: "area", code: wider, state: next });
      });
    }
    Object.keys(state.facets).forEach(function (facet) {
      state.facets[facet].forEach(function (code) {
        var next = copy(state);
        next.facets[facet] = next.facets[facet].filter(function (other) { return other !== code; });
        options.push({ kind: "drop", facet: facet, code: code, state: next });
      });
    });
    if (state.q) {
      var next = copy(state);
      next.q = "";
      options.push({ kind: "query", query: state.q, state: next });
    }
    return options;
  }

  var api = { FACETS: FACETS, FACET_NAMES: FACET_NAMES, PAGE: PAGE, format: format, words: words,
              createSearch: createSearch, chain: chain, delivers: delivers, values: values, filter: filter,
              countFor: countFor, narrowed: narrowed, paged: paged, statusText: statusText,
              alternatives: alternatives };
  bro.directoryCore = api;
  if (typeof module !== "undefined" && module.exports) { module.exports = api; }
}(typeof window !== "undefined" ? (window.bro = window.bro || {}) : {}));
