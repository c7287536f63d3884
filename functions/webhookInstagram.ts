/** `GET|POST /webhooks/instagram` */
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { getRuntime } from "../lib/bot/runtime";
import { handleWebhook } from "../lib/bot/webhook";
import { toHttpRequest } from "../lib/http/request";

export const handler = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> =>
  handleWebhook("instagram", toHttpRequest(event), await getRuntime());
