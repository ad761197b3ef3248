/* Loads the directory's data shards one after another. The first shard is a plain script tag in the
   page; the rest are added as script tags too, which (unlike fetch) also works from file://. */
window.broLoadShards = function (data, assets, onShard, onDone) {
  "use strict";
  var seen = 0;
  window.broShards = window.broShards || [];
  function drain() {
    while (window.broShards.length) { seen += 1; onShard(window.broShards.shift()); }
    if (seen >= data.shards.length) { if (onDone) { onDone(); } return; }
    var script = document.createElement("script");
    script.src = assets + data.shards[seen];
    script.onload = drain;
    document.body.appendChild(script);
  }
  drain();
};
