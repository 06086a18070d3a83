/**
 * The Lambda event source mapping kind, pure: its ARN, state entries named by (function, source ARN)
 * with the UUID as id, its place in a deletion (before its function and its queue), and `explain`
 * recognising both real texts (DataBiosphere/azul#3399, SQS; hashicorp/terraform-provider-aws#40257,
 * streams) with the blocking mapping's UUID as the name.
 */
import { describe, expect, it } from "vitest";
import { alreadyExistsLog as fixture } from "../fixtures/files.js";
import { explainLog } from "../../src/explain/index.js";
import { deleteRank, kindForArn, kindForShownType, typeOfWording } from "../../src/kinds/registry.js";
import {
  functionNameOf,
  lambdaEventSourceMapping as kind,
  mappingName,
  splitMappingName,
} from "../../src/kinds/lambda-event-source-mapping.js";
import type { ResourceV3 } from "../../src/state/index.js";

const TOKEN = "aws:lambda/eventSourceMapping:EventSourceMapping";
const UUID = "de051699-982b-4473-b87d-82c297e0364c";
const QUEUE = "arn:aws:sqs:us-west-2:616138583583:queue-6f3f78a";
const FN_ARN = "arn:aws:lambda:us-west-2:616138583583:function:subscription-f6e5ff0";

describe("lambda-event-source-mapping kind", () => {
  it("reads the UUID out of its ARN", () => {
    const arn = `arn:aws:lambda:us-west-2:616138583583:event-source-mapping:${UUID}`;
    expect(kind.fromArn(arn)).toEqual({ name: UUID, id: UUID, region: "us-west-2", arn });
    expect(kind.fromArn(FN_ARN)).toBeUndefined();
    expect(kindForArn(arn)?.kind).toBe("lambda-event-source-mapping");
    expect(kindForShownType("aws:lambda:EventSourceMapping")?.kind).toBe("lambda-event-source-mapping");
  });

  it("names a mapping by its function and source, keeps the UUID as id", () => {
    expect(functionNameOf(FN_ARN)).toBe("subscription-f6e5ff0");
    expect(functionNameOf(`${FN_ARN}:live`)).toBe("subscription-f6e5ff0");
    expect(functionNameOf("123456789012:function:f")).toBe("f");
    expect(functionNameOf("f")).toBe("f");
    expect(mappingName(FN_ARN, QUEUE)).toBe(`subscription-f6e5ff0|${QUEUE}`);
    expect(splitMappingName(`subscription-f6e5ff0|${QUEUE}`)).toEqual({
      fn: "subscription-f6e5ff0",
      source: QUEUE,
    });
    expect(splitMappingName(UUID)).toBeUndefined();

    // As pulumi-aws records it (../shared/fixtures/pulumi-aws/queue-5.42.0-stack.json, trimmed).
    const entry = {
      urn: "urn:pulumi:test::queue::aws:lambda/eventSourceMapping:EventSourceMapping::subscription",
      type: TOKEN,
      custom: true,
      id: UUID,
      inputs: { batchSize: 1, enabled: true, eventSourceArn: QUEUE, functionName: "subscription-f6e5ff0" },
      outputs: { eventSourceArn: QUEUE, functionArn: FN_ARN, functionName: FN_ARN, id: UUID, uuid: UUID },
    } as ResourceV3;
    expect(kind.identify(entry, "us-west-2")).toEqual({
      name: `subscription-f6e5ff0|${QUEUE}`,
      id: UUID,
      region: "us-west-2",
    });
    // A pending create has no UUID yet: the same name, so it meets the mapping that blocks it.
    const pending = { urn: entry.urn, type: TOKEN, custom: true, inputs: entry.inputs } as ResourceV3;
    expect(kind.identify(pending, "us-west-2")?.name).toBe(`subscription-f6e5ff0|${QUEUE}`);
  });

  it("lists by the stage's function names and goes before its function and queue", () => {
    expect(kind.stagePrefixes?.("acme", "dev")).toEqual(["acme-dev-"]);
    expect(kind.nameFields).toEqual([]);
    expect(deleteRank(TOKEN)).toBeLessThan(deleteRank("aws:lambda/function:Function"));
    expect(deleteRank(TOKEN)).toBeLessThan(deleteRank("aws:sqs/queue:Queue"));
    expect(deleteRank(TOKEN)).toBeLessThan(deleteRank("aws:dynamodb/table:Table"));
    expect(typeOfWording("Lambda Event Source Mapping")).toBe(TOKEN);
    expect(kind.wording?.importId?.(UUID, undefined)).toBe(UUID);
  });

  it("explain recognises the SQS form (DataBiosphere/azul#3399) and names the blocking UUID", () => {
    const r = explainLog(fixture("lambda-event-source-mapping-sqs.log"));
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({
      kind: "already-exists",
      resource: { type: TOKEN, name: "2bac96f9-a36e-4017-a5a4-aa977086a2b6" },
    });
  });

  it("explain recognises the stream form (terraform-provider-aws#40257)", () => {
    const r = explainLog(fixture("lambda-event-source-mapping.log"));
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({
      kind: "already-exists",
      resource: { type: TOKEN, name: "79e98ec5-e10a-4962-87fc-8abd3651d177" },
    });
  });
});
