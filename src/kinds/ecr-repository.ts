/**
 * ECR repository (`aws:ecr/repository:Repository`): the state id, the import id and the physical
 * name are the `name` input; its ARN is `arn:aws:ecr:<region>:<account>:repository/<name>` (names
 * may hold `/`). SST uses ECR for container images (`Service`, `Task`, container `Function`s, and
 * the bootstrap asset repository the CLI makes outside any stage's state); a program may create one
 * with a fixed name (docs/coverage/sst-resources.md, user-hit types).
 *
 * What collides: a name is unique per account and region — CreateRepository fails with
 * `RepositoryAlreadyExistsException: The repository with name '<n>' already exists in the registry
 * with id '<account>'` (CircleCI-Public/aws-ecr-orb#22), CloudFormation with `Resource of type
 * 'AWS::ECR::Repository' with identifier '<n>' already exists` (stratospheric-dev/stratospheric#204).
 *
 * Tagged like the rest of a stage (tagging type `ecr:repository`). Deleting a repository deletes its
 * images: the driver refuses one that holds images unless the deletion gate was given `--force`.
 * Drift: tag mutability, scan on push and the encryption settings (immutable: a change replaces it).
 */
import { t } from "../i18n/index.js";
import { compareProps, nameFieldsOf, namedIdentity, splitArn, type Kind } from "./types.js";

const TOKEN = "aws:ecr/repository:Repository";

/** The repository name in an ECR repository ARN. */
export function repositoryNameOfArn(arn: string): string | undefined {
  const a = splitArn(arn);
  if (a?.service !== "ecr" || !a.resource.startsWith("repository/")) return undefined;
  const name = a.resource.slice("repository/".length);
  return /^[a-z0-9][a-z0-9._/-]*$/.test(name) ? name : undefined;
}

export const ecrRepository: Kind = {
  kind: "ecr-repository",
  get label() {
    return t("kinds.ecr-repository.label");
  },
  types: [TOKEN],
  cfnType: "AWS::ECR::Repository",
  service: "ecr",
  global: false,
  taggable: true,
  tagType: "ecr:repository",
  wording: {
    get label() {
      return t("kinds.ecr-repository.label");
    },
    // i18n-exempt: the provider\'s words in a deploy log, matched, never shown
    says: ["ecr repository"],
    alreadyExists: [
      {
        // The CLI's and the SDKs' text: "(RepositoryAlreadyExistsException) … The repository with name …".
        re: /RepositoryAlreadyExistsException\)?:?[^']*?The repository with name '([a-z0-9._/-]+)' already exists in the registry/,
        code: "RepositoryAlreadyExistsException",
        nameGroup: 1,
      },
    ],
    nameInMessage: /creating ECR Repository \(([^)\s]+)\)/i,
  },
  // After the functions and services that run its images (2); nothing needs it gone first.
  deleteRank: 2.5,
  // terraform-provider-aws: `encryption_configuration` is ForceNew (besides the name).
  replaceOn: ["encryptionConfigurations"],

  stagePrefixes(app, stage) {
    // ECR names are lower case: a stage's generated names start `<app>-<stage>-` in lower case.
    return [`${app}-${stage}-`.toLowerCase()];
  },

  fromArn(arn) {
    const name = repositoryNameOfArn(arn);
    return name === undefined ? undefined : { name, id: name, region: splitArn(arn)!.region, arn };
  },

  identify(resource, region) {
    return namedIdentity(resource, region, nameFieldsOf(ecrRepository));
  },

  drift(resource, cloud) {
    return compareProps(resource, cloud, [
      "imageTagMutability",
      "imageScanningConfiguration",
      "encryptionConfigurations",
    ]);
  },
};
