"""Bro's GitHub issue forms: their questions (generated into .github/ISSUE_TEMPLATE by scripts/make_forms.py),
reading a submitted form's body, and turning it into a new or edited data file for an editor's review
(scripts/form_to_pr.py); and the same for a form from the site received by e-mail (scripts/mail_to_pr.py). One
module per concern, in the order a submitted form passes through them:

    texts            the forms' words in each language (load_texts)
    definitions      the kinds, their template files, every question, each form's layout and options
    issue_templates  the files of .github/ISSUE_TEMPLATE
    answers          reading an issue body into answers
    records          new records and edits from the answers
    buyer            a tender's buyer settled against the buyer registry
    emitter          YAML out, keeping comments and layout
    drafts           the data file a form produces, and the question behind each value
    replies          the answer on the issue and the pull request's description
    submission       an `issues` event in, a validated data file and the workflow's result out
    mail             a saved e-mail read for the document a form on the site sends (the editors' e-mail route)
    received         that document made into the robot's data file, branch and pull request text
                     (scripts/mail_to_pr.py)
    web              each form of the site as data for its page and for form-record.js, which builds the same
                     record and document in the browser

Only what code outside the package uses is exported here; tests reach into the modules."""
from bro.forms.definitions import DATA_PATHS, FORM_FILES, make_form_url
from bro.forms.issue_templates import build_issue_templates
from bro.forms.mail import MAIL_LIMIT, read_document_file, read_mail
from bro.forms.received import MailResult, import_received, word_problem_line
from bro.forms.replies import fill_pr_link, word_failure
from bro.forms.submission import Result, submit
from bro.forms.web import WEB_KINDS, make_form_definition

__all__ = ["DATA_PATHS", "FORM_FILES", "MAIL_LIMIT", "WEB_KINDS", "MailResult", "Result", "build_issue_templates",
           "fill_pr_link", "import_received", "make_form_definition", "make_form_url", "read_document_file",
           "read_mail", "submit", "word_failure", "word_problem_line"]
