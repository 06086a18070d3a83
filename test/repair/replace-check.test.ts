/**
 * Adopting something the next deploy would replace is refused (issue 15): the pure comparison of what a
 * pending create asks for with what pulumi-aws would record for the live resource.
 */
import { describe, expect, it } from "vitest";
import { replaceDifferences } from "../../src/repair/replace-check.js";

const TABLE = "aws:dynamodb/table:Table";
const live = (outputs: Record<string, unknown>) => ({ inputs: {}, outputs: outputs as never });

describe("replaceDifferences", () => {
  it("a table whose hash key differs is a replacement; the same keys are not", () => {
    const asked = { name: "t", hashKey: "pk", rangeKey: "sk", billingMode: "PAY_PER_REQUEST" };
    expect(
      replaceDifferences({
        type: TABLE,
        asked,
        askedRegion: "us-east-1",
        live: live({ hashKey: "id", rangeKey: "sk" }),
      }),
    ).toEqual([{ property: "hashKey", state: "pk", cloud: "id" }]);
    expect(
      replaceDifferences({
        type: TABLE,
        asked,
        askedRegion: "us-east-1",
        live: live({ hashKey: "pk", rangeKey: "sk" }),
      }),
    ).toEqual([]);
  });

  it("a range key the live table lacks, and one it has that was not asked for, both differ", () => {
    const check = (asked: object, out: object) =>
      replaceDifferences({
        type: TABLE,
        asked: asked as never,
        askedRegion: "x",
        live: live(out as never),
      }).map((d) => d.property);
    expect(check({ hashKey: "pk", rangeKey: "sk" }, { hashKey: "pk" })).toEqual(["rangeKey"]);
    // Not asked for (left undefined) is not compared: the program may leave it to the default.
    expect(check({ hashKey: "pk" }, { hashKey: "pk", rangeKey: "sk" })).toEqual([]);
  });

  it("local indexes match by name in any order, on the keys asked for; a missing one differs", () => {
    const lsi = (name: string, rangeKey: string) => ({ name, rangeKey, projectionType: "ALL" });
    const asked = { hashKey: "pk", localSecondaryIndexes: [lsi("byA", "a"), lsi("byB", "b")] };
    const same = live({
      hashKey: "pk",
      localSecondaryIndexes: [
        { ...lsi("byB", "b"), nonKeyAttributes: [] },
        { ...lsi("byA", "a"), nonKeyAttributes: [] },
      ],
    });
    expect(replaceDifferences({ type: TABLE, asked, askedRegion: "x", live: same })).toEqual([]);
    const fewer = live({ hashKey: "pk", localSecondaryIndexes: [lsi("byA", "a")] });
    expect(replaceDifferences({ type: TABLE, asked, askedRegion: "x", live: fewer })[0]?.property).toBe(
      "localSecondaryIndexes",
    );
    const other = live({ hashKey: "pk", localSecondaryIndexes: [lsi("byA", "a"), lsi("byB", "c")] });
    expect(replaceDifferences({ type: TABLE, asked, askedRegion: "x", live: other })).toHaveLength(1);
  });

  it("a queue's FIFO flag: false asked and absent live are the same; true against a standard queue is not", () => {
    const Q = "aws:sqs/queue:Queue";
    expect(
      replaceDifferences({ type: Q, asked: { fifoQueue: false }, askedRegion: "x", live: live({}) }),
    ).toEqual([]);
    expect(
      replaceDifferences({
        type: Q,
        asked: { fifoQueue: true },
        askedRegion: "x",
        live: live({ fifoQueue: false }),
      }),
    ).toEqual([{ property: "fifoQueue", state: true, cloud: false }]);
  });

  it("a bucket's region is compared with the provider's region when the inputs name none", () => {
    const B = "aws:s3/bucketV2:BucketV2";
    const at = (region: string) => live({ bucket: "b", region });
    expect(
      replaceDifferences({
        type: B,
        asked: { bucket: "b" },
        askedRegion: "eu-west-1",
        live: at("eu-west-1"),
      }),
    ).toEqual([]);
    expect(
      replaceDifferences({
        type: B,
        asked: { bucket: "b" },
        askedRegion: "eu-west-1",
        live: at("us-east-1"),
      }),
    ).toEqual([{ property: "region", state: "eu-west-1", cloud: "us-east-1" }]);
  });

  it("a value not known yet (Pulumi's unknown placeholder) and kinds without replace rules are never refused", () => {
    const unknown = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
    expect(
      replaceDifferences({
        type: TABLE,
        asked: { hashKey: unknown },
        askedRegion: "x",
        live: live({ hashKey: "id" }),
      }),
    ).toEqual([]);
    expect(
      replaceDifferences({
        type: "aws:cloudwatch/logGroup:LogGroup",
        asked: { retentionInDays: 7 },
        askedRegion: "x",
        live: live({}),
      }),
    ).toEqual([]);
  });
});
