import type { Catalogue } from "./en";

export const zh: Catalogue = {
  "greeting.first": "你好{name}！欢迎来到{shop}。👋",
  "greeting.again": "又见面了{name}！需要什么帮助？",
  capabilities: "我可以帮你找商品、回答问题、加购物车并在这里下单。",
  "choice.browse": "浏览商品",
  "choice.cart": "我的购物车",
  "choice.human": "联系人工客服",
  "list.button": "选项",
  unsupported: "抱歉，目前我只能读取文字、按钮和位置。",
};
