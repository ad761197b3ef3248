/* TEMPORARY stand-in for record-check.js (branch issue15-check): the contract's shapes only. Deleted on merge. */
(function () {
  "use strict";
  function check(collection, record) {
    var found = [];
    var contact = (record.contacts && record.contacts[0]) || record.contact;
    if (contact && contact.email && !/^[^@\s]+@[^@\s]+\.[a-z]{2,}$/i.test(contact.email)) {
      found.push({ field: record.contacts ? "contacts[0].email" : "contact.email", message: "Not an e-mail address.", severity: "error" });
    }
    return found;
  }
  window.BroRecordCheck = { check: check };
}());
