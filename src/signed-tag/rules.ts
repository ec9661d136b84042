import type { RuleMeta } from '../core/finding.js';
import { ruleFactory } from '../core/docs.js';

export const CAPABILITY_ID = 'signed-tag';
const rule = ruleFactory(CAPABILITY_ID);
const r = (id: string, title: string, description: string, help: string): RuleMeta =>
  rule(id, { title, description, defaultSeverity: 'error', help });

export const RULES = {
  name: r('tag-name', 'Release tag name', 'The tag is PREFIX/vMAJOR.MINOR.PATCH or PREFIX/vMAJOR.MINOR.PATCH-rc.N.', 'Delete the tag and push one named PREFIX/vX.Y.Z or PREFIX/vX.Y.Z-rc.N.'),
  lightweight: r('tag-lightweight', 'Annotated tag', 'A release tag is an annotated (tag object) tag, not a lightweight ref to a commit.', 'Create it with `git tag -s NAME -m MESSAGE`.'),
  nested: r('tag-nested', 'Tag of a commit', "The tag object's type is commit: a tag of a tag is refused.", 'Tag the commit itself.'),
  refMismatch: r('tag-ref-mismatch', 'Tag name matches its ref', "The tag object's own `tag` header equals the ref name, so a signed tag cannot be re-pointed under another version.", 'Sign a new tag with the right name.'),
  missing: r('signature-missing', 'Signed tag', 'The tag object carries a signature.', 'Create it with `git tag -s`.'),
  bad: r('signature-bad', 'Signature verifies', 'The signature verifies over the tag object.', 'The tag was altered after signing or the signature is corrupt: re-create and re-sign it.'),
  expiredSig: r('signature-expired', 'Signature not expired', 'The signature has no expiry in the past.', 'Sign again without a signature expiry (or a later one).'),
  expiredKey: r('key-expired', 'Signing key not expired', 'The signing key (and subkey) has not expired by now, as git and gpg judge it.', 'Extend the key expiry, update the key file in the repository, and re-sign.'),
  revoked: r('key-revoked', 'Signing key not revoked', 'The signing key is not revoked (OpenPGP revocation, or the SSH revocation list).', 'Sign with a current key of a trusted signer.'),
  unknown: r('signer-unknown', 'Trusted signer', "The signature's (primary) key is among the repository's trusted signers.", 'Sign with a trusted key, or add the public key to the trusted signers by a reviewed change.'),
  principal: r('signer-principal-mismatch', 'SSH principal is the tagger', "The SSH key's principal in allowed_signers is the tagger's email.", 'Tag with the email the key is allowed for (git config user.email), or fix allowed_signers.'),
  unsupported: r('signature-unsupported', 'Supported signature', 'OpenPGP and SSH signatures are verified; X.509/gitsign only when the policy allows it, and then it is not verified.', 'Sign with OpenPGP or SSH, or set signed-tag.allow_x509.'),
  branch: r('source-branch', 'Source branch', 'The tagged commit is reachable from main (release) or from a release/* branch or main (release candidate).', 'Tag a commit that is on the branch; fetch full history (fetch-depth: 0).'),
  checks: r('checks-not-green', 'Required checks green', 'Every required check has a completed successful run on the tagged commit, and required statuses are success.', 'Wait for the checks, or fix them and tag a new commit.'),
  changelog: r('changelog-missing', 'Changelog section', 'CHANGELOG.md has a section for the version.', 'Add a heading for the version to CHANGELOG.md.'),
  subsection: r('changelog-subsection-missing', 'Changelog subsections', "The version's changelog section has every subsection the policy requires.", 'Add the missing subsection headings (write "None." when there is nothing to say).'),
  order: r('version-order', 'Version order', 'The version is greater than every existing release tag with the same prefix.', 'Use a version greater than the latest release tag.'),
  retagged: r('version-retagged', 'No re-tagging', 'An existing release tag is never moved to another object.', 'Release a new version instead of moving the tag.'),
  rcAfter: r('rc-after-release', 'No rc after its release', 'A release candidate never follows the final release of its version.', 'Tag the next version.'),
} as const;

export const RULE_LIST: RuleMeta[] = Object.values(RULES);
