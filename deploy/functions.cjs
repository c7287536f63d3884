/**
 * Functions, their routes and their IAM roles, as one table. serverless.yml reads it through
 * `${file(./deploy/functions.cjs)}`; it is a CommonJS file because the framework `require`s it.
 *
 * Why code and not YAML: each function gets a role with exactly the DynamoDB actions it uses (least
 * privilege without a plugin), and the dev-only sink exists only in the `local` stage.
 */
const HTTP = (method, path) => ({ httpApi: { method, path } });

/** DynamoDB actions by what the code does with the table (see lib/store/). */
const READ = ["dynamodb:GetItem", "dynamodb:Query", "dynamodb:BatchGetItem"];
const WRITE = ["dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem"];

const FUNCTIONS = {
  webhookMessenger: {
    handler: "functions/webhookMessenger.handler",
    description: "Messenger webhook: verify, parse, answer",
    timeout: 10,
    memorySize: 1024,
    events: [HTTP("GET", "/webhooks/messenger"), HTTP("POST", "/webhooks/messenger")],
    dynamodb: [...READ, ...WRITE],
  },
  webhookWhatsapp: {
    handler: "functions/webhookWhatsapp.handler",
    description: "WhatsApp webhook: verify, parse, answer",
    timeout: 10,
    memorySize: 1024,
    events: [HTTP("GET", "/webhooks/whatsapp"), HTTP("POST", "/webhooks/whatsapp")],
    dynamodb: [...READ, ...WRITE],
  },
  webhookInstagram: {
    handler: "functions/webhookInstagram.handler",
    description: "Instagram Direct webhook: verify, parse, answer",
    timeout: 10,
    memorySize: 1024,
    events: [HTTP("GET", "/webhooks/instagram"), HTTP("POST", "/webhooks/instagram")],
    dynamodb: [...READ, ...WRITE],
  },
  health: {
    handler: "functions/health.handler",
    description: "Liveness",
    memorySize: 128,
    events: [HTTP("GET", "/health")],
    dynamodb: [],
    secrets: false,
  },
  admin: {
    handler: "functions/admin.handler",
    description: "Merchant API: products, answers, settings, import, unanswered, orders (tells shoppers)",
    timeout: 29,
    memorySize: 512,
    events: [
      HTTP("GET", "/api/admin/{proxy+}"),
      HTTP("PUT", "/api/admin/{proxy+}"),
      HTTP("POST", "/api/admin/{proxy+}"),
      HTTP("PATCH", "/api/admin/{proxy+}"),
      HTTP("DELETE", "/api/admin/{proxy+}"),
    ],
    // catalogue and settings writes are transactions of a Put or Delete and an Update (catalogVersion); the
    // import is BatchWrite; an order status change is a transaction of Updates (order, stock put back on a
    // cancel) after a BatchGet of the products; telling the shopper reads the conversation (Get), writes the
    // transcript (BatchWrite), slow sends go to the outbox (Put), the outcome onto the order (Update). Nothing
    // uses ConditionCheck (there is no TransactWriteItems IAM action: a transaction needs its items' actions).
    dynamodb: [...READ, ...WRITE],
  },
  agent: {
    handler: "functions/agent.handler",
    description: "Support staff API: conversations with cart and orders, takeover, replies, release",
    timeout: 15,
    memorySize: 512,
    events: [
      HTTP("GET", "/api/agent/{proxy+}"),
      HTTP("POST", "/api/agent/{proxy+}"),
      HTTP("PUT", "/api/agent/{proxy+}"),
      HTTP("DELETE", "/api/agent/{proxy+}"),
    ],
    // reads conversations, transcripts, carts, settings and tokens; a conversation's orders and the cart's
    // products are BatchGets; status changes are transactions of an Update (conversation) and a Put or Delete
    // (idle timer); the transcript is a BatchWrite; slow sends go to the outbox (Put); notes, canned replies
    // and agent names are Puts (a canned reply's removal a Delete)
    dynamodb: [
      "dynamodb:GetItem",
      "dynamodb:Query",
      "dynamodb:BatchGetItem",
      "dynamodb:PutItem",
      "dynamodb:UpdateItem",
      "dynamodb:DeleteItem",
      "dynamodb:BatchWriteItem",
    ],
  },
  pages: {
    handler: "functions/pages.handler",
    description: "The merchant and support pages",
    memorySize: 128,
    events: [
      HTTP("GET", "/admin"),
      HTTP("GET", "/inbox"),
      // every page's style sheets and modules (functions/pagesManifest.ts)
      HTTP("GET", "/assets/{proxy+}"),
    ],
    dynamodb: [],
    secrets: false,
  },
  outbox: {
    handler: "functions/outbox.handler",
    description: "Retries Graph API sends that did not go through in time",
    timeout: 60,
    events: [{ schedule: { rate: "rate(1 minute)" } }],
    // reads due items on the index, leases (update), deletes sent ones
    dynamodb: ["dynamodb:GetItem", "dynamodb:Query", "dynamodb:UpdateItem", "dynamodb:DeleteItem"],
  },
  handoverIdle: {
    handler: "functions/handoverIdle.handler",
    description: "Gives conversations idle with a person back to the bot",
    timeout: 60,
    events: [{ schedule: { rate: "rate(5 minutes)" } }],
    // due timers on the index; the conversation and settings; release = Update (conversation) + Delete (timer);
    // a waiting one nobody took: the agents' notice (Put), the shopper's message (outbox Put, transcript BatchWrite)
    dynamodb: [
      "dynamodb:GetItem",
      "dynamodb:Query",
      "dynamodb:UpdateItem",
      "dynamodb:DeleteItem",
      "dynamodb:PutItem",
      "dynamodb:BatchWriteItem",
    ],
  },
  cartReminder: {
    handler: "functions/cartReminder.handler",
    description: "Reminds shoppers of carts they left, once per cart, inside Meta's window",
    timeout: 60,
    events: [{ schedule: { rate: "rate(5 minutes)" } }],
    // idle carts on the index (Query); settings and the conversation (Get); the cart's products (BatchGet);
    // the claim or the drop (Update); the transcript (BatchWrite); a slow send goes to the outbox (Put)
    dynamodb: [
      "dynamodb:GetItem",
      "dynamodb:Query",
      "dynamodb:BatchGetItem",
      "dynamodb:UpdateItem",
      "dynamodb:PutItem",
      "dynamodb:BatchWriteItem",
    ],
  },
  dataDeletion: {
    handler: "functions/dataDeletion.handler",
    description: "Meta's data deletion callback and its status page",
    timeout: 29,
    events: [HTTP("POST", "/webhooks/data-deletion"), HTTP("GET", "/data-deletion/{code}")],
    // the user index, conversation partitions and the pending outbox (Query); orders kept without the
    // shopper (Update); everything else deleted (BatchWrite); the deletion record (Put, Get)
    dynamodb: [
      "dynamodb:GetItem",
      "dynamodb:Query",
      "dynamodb:PutItem",
      "dynamodb:UpdateItem",
      "dynamodb:BatchWriteItem",
    ],
  },
};

const LOCAL_ONLY = {
  devSink: {
    handler: "functions/devSink.handler",
    description: "Local Graph API sink and the /chat simulator",
    events: [
      HTTP("GET", "/chat"),
      HTTP("GET", "/dev/chat/config"),
      HTTP("POST", "/dev/chat/deliver/{channel}"),
      HTTP("GET", "/dev/graph/messages"),
      HTTP("POST", "/dev/graph/{version}/{accountId}/{edge}"),
      HTTP("GET", "/dev/graph/{version}/{mediaId}"),
      HTTP("GET", "/dev/media/{mediaId}"),
      HTTP("GET", "/dev/graph/{version}/{accountId}/message_templates"),
      HTTP("POST", "/dev/graph/statuses"),
      HTTP("GET", "/dev/clock"),
      HTTP("POST", "/dev/clock"),
    ],
    // sink messages and templates (Put, Get, Query), the clock (Get, Update); the window check reads the
    // conversation and the channel account (Get)
    dynamodb: ["dynamodb:PutItem", "dynamodb:GetItem", "dynamodb:UpdateItem", "dynamodb:Query"],
  },
};

const roleName = (name) => `${name.charAt(0).toUpperCase()}${name.slice(1)}Role`;

function role(name, fn, secretsPrefix) {
  const statements = [
    {
      Effect: "Allow",
      Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
      Resource: {
        "Fn::Sub": `arn:\${AWS::Partition}:logs:\${AWS::Region}:\${AWS::AccountId}:log-group:/aws/lambda/*:*`,
      },
    },
  ];
  if (fn.dynamodb.length > 0) {
    statements.push({
      Effect: "Allow",
      Action: fn.dynamodb,
      Resource: [
        { "Fn::GetAtt": ["Table", "Arn"] },
        { "Fn::Join": ["", [{ "Fn::GetAtt": ["Table", "Arn"] }, "/index/*"]] },
      ],
    });
  }
  if (fn.secrets !== false) {
    statements.push({
      Effect: "Allow",
      Action: ["ssm:GetParameters"],
      Resource: {
        "Fn::Sub": `arn:\${AWS::Partition}:ssm:\${AWS::Region}:\${AWS::AccountId}:parameter${secretsPrefix}/*`,
      },
    });
  }
  return {
    Type: "AWS::IAM::Role",
    Properties: {
      AssumeRolePolicyDocument: {
        Version: "2012-10-17",
        Statement: [
          { Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" },
        ],
      },
      Policies: [
        { PolicyName: `${name}-policy`, PolicyDocument: { Version: "2012-10-17", Statement: statements } },
      ],
    },
  };
}

module.exports = async ({ options, resolveVariable }) => {
  const stage = options.stage ?? (await resolveVariable("sls:stage"));
  const all = { ...FUNCTIONS, ...(stage === "local" ? LOCAL_ONLY : {}) };
  const functions = {};
  const roles = {};
  for (const [name, fn] of Object.entries(all)) {
    const { dynamodb, secrets, ...rest } = fn;
    functions[name] = { ...rest, role: roleName(name) };
    roles[roleName(name)] = role(name, fn, `/chatcart/${stage}`);
  }
  return { functions, roles };
};
