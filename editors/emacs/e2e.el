;;; e2e.el --- end-to-end test of copydesk with Emacs's eglot and flymake  -*- lexical-binding: t -*-
;;
;;   COPYDESK_BIN=target/debug/copydesk emacs --batch -Q -l editors/emacs/e2e.el
;;
;; Opens the sample article (« », U+202F and an emoji before a doubled word) with the eglot set-up
;; of editors/README.md, waits for copydesk's diagnostics to reach flymake and checks their place
;; (the exact buffer text they cover, so a position-encoding bug fails), their message (in English
;; because the workspace configuration says so), a hover and the quick fix.

(require 'package)
;; Debian's elpa-* packages (elpa-eglot on Emacs 28) live here; Emacs 29+ ships eglot itself.
(add-to-list 'package-directory-list "/usr/share/emacs/site-lisp/elpa")
(package-initialize)
(require 'cl-lib)
(require 'eglot)
(require 'flymake)

(defvar copydesk-e2e-passed 0)
(defvar copydesk-e2e-failed 0)

(defun copydesk-e2e-check (name ok &optional detail)
  (if ok
      (progn (cl-incf copydesk-e2e-passed) (princ (format "ok - %s\n" name)))
    (cl-incf copydesk-e2e-failed)
    (princ (format "not ok - %s%s\n" name (if detail (format ": %S" detail) ""))))
  ok)

(defun copydesk-e2e-wait (pred timeout)
  "Run the event loop until PRED is non-nil or TIMEOUT seconds pass."
  (let ((deadline (+ (float-time) timeout)))
    (while (and (not (funcall pred)) (< (float-time) deadline))
      (accept-process-output nil 0.05))
    (funcall pred)))

(let* ((here (file-name-directory (or load-file-name buffer-file-name)))
       (editors (file-name-directory (directory-file-name here)))
       (repo (file-name-directory (directory-file-name editors)))
       (bin (or (getenv "COPYDESK_BIN") (expand-file-name "target/debug/copydesk" repo)))
       (timeout 20)
       (dir (make-temp-file "copydesk-emacs-" t))
       (article (expand-file-name "marche.md" dir)))
  (princ (format "# emacs %s, eglot %s, server %s\n" emacs-version
                 (or (ignore-errors (package-desc-version (cadr (assq 'eglot package-alist)))) "?") bin))
  (condition-case err
      (progn
        (unless (copydesk-e2e-check "server binary is executable" (file-executable-p bin) bin)
          (error "no server"))
        (copy-file (expand-file-name "fixtures/marche.md" editors) article)
        ;; A project root for eglot.
        (make-directory (expand-file-name ".git" dir))
        (call-process "git" nil nil nil "init" "-q" dir)

        ;; The set-up of editors/README.md.
        (add-to-list 'eglot-server-programs `((markdown-mode text-mode) . (,bin "lsp" "--stdio")))
        (setq-default eglot-workspace-configuration '(:copydesk (:messages "en")))

        (find-file article)
        (text-mode)
        (eglot-ensure)
        (run-hooks 'post-command-hook)        ; eglot-ensure connects after the next command
        (copydesk-e2e-check "eglot manages the buffer"
                            (copydesk-e2e-wait (lambda () (bound-and-true-p eglot--managed-mode)) timeout))
        (let* ((doubled (lambda ()
                          (cl-remove-if-not
                           (lambda (d) (string-match-p "twice\\|deux fois"
                                                       (flymake-diagnostic-text d)))
                           (flymake-diagnostics)))))
          (copydesk-e2e-check "a flymake diagnostic for the doubled word arrives"
                              (copydesk-e2e-wait (lambda () (funcall doubled)) timeout)
                              (mapcar #'flymake-diagnostic-text (flymake-diagnostics)))
          (let ((d (car (funcall doubled))))
            (when d
              (copydesk-e2e-check "it covers exactly \"ses ses\" (UTF-16 columns after « », U+202F, emoji)"
                                  (equal (buffer-substring-no-properties (flymake-diagnostic-beg d)
                                                                         (flymake-diagnostic-end d))
                                         "ses ses")
                                  (buffer-substring-no-properties (flymake-diagnostic-beg d)
                                                                  (flymake-diagnostic-end d)))
              (copydesk-e2e-check "it is a warning" (eq (flymake-diagnostic-type d) 'eglot-warning)
                                  (flymake-diagnostic-type d))
              (copydesk-e2e-check "the message is in English (workspace configuration reached the server)"
                                  (string-match-p "twice" (flymake-diagnostic-text d))
                                  (flymake-diagnostic-text d))
              ;; Hover on the second word.
              (goto-char (+ (flymake-diagnostic-beg d) 5))
              (let* ((hover (jsonrpc-request (eglot--current-server-or-lose) :textDocument/hover
                                             (eglot--TextDocumentPositionParams)))
                     (contents (plist-get hover :contents))
                     (text (if (stringp contents) contents (or (plist-get contents :value) ""))))
                (copydesk-e2e-check "hover documents the rule" (string-match-p "doubled-word" text) text))
              ;; The quick fix, through eglot's own command.
              (let ((line (buffer-substring-no-properties (line-beginning-position) (line-end-position))))
                (let* ((actions (eglot-code-actions (flymake-diagnostic-beg d) (flymake-diagnostic-end d)
                                                    "quickfix"))
                       (fix (cl-find-if (lambda (a) (string-match-p "second" (plist-get a :title)))
                                        actions)))
                  (copydesk-e2e-check "a quick fix \"Remove the second …\" is offered" fix
                                      (mapcar (lambda (a) (plist-get a :title)) actions))
                  (when (plist-get fix :edit)
                    (eglot--apply-workspace-edit (plist-get fix :edit))))
                (copydesk-e2e-check "the quick fix removes the second word"
                                    (equal (buffer-substring-no-properties (line-beginning-position)
                                                                           (line-end-position))
                                           (replace-regexp-in-string "ses ses" "ses" line))
                                    (buffer-substring-no-properties (line-beginning-position) (line-end-position))))
              (copydesk-e2e-check "the diagnostic goes away after the edit"
                                  (copydesk-e2e-wait (lambda ()
                                                      ;; Batch Emacs never idles: run what the
                                                      ;; idle timers would (send the change,
                                                      ;; restart flymake).
                                                      (eglot--signal-textDocument/didChange)
                                                      (flymake-start)
                                                      (null (funcall doubled)))
                                                    timeout))))))
    (error (copydesk-e2e-check "no Lisp error" nil err)))
  (ignore-errors (let ((s (eglot-current-server))) (when s (eglot-shutdown s))))
  (princ (format "emacs %s: %d passed, %d failed\n" emacs-version copydesk-e2e-passed copydesk-e2e-failed))
  (kill-emacs (if (and (= copydesk-e2e-failed 0) (> copydesk-e2e-passed 0)) 0 1)))
;;; e2e.el ends here
