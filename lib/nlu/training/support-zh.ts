/**
 * More Chinese examples, written for this project: customer-service requests as typed on Taobao or WeChat
 * ("亲，我想取消订单", "麻烦帮我查一下物流"), in full sentences and in fragments, plus ordering and cart
 * phrasings.
 */
import { lines, type SupportExamples } from "./lines";

export const supportZh: SupportExamples = {
  faq: {
    cancel: lines(`
      取消订单要扣钱吗
      取消有手续费吗
      订单取消收费吗
    `),
    change: lines(`
      我想修改一下订单
      订单下错了能改吗
      能帮我改一下订单里的尺码吗
      还能往订单里加东西吗
      收货地址写错了
      我想换个收货地址
      帮我改一下地址
      能寄到别的地址吗
    `),
    pay: lines(`
      你们支持哪些付款方式
      可以用微信支付吗
      能银行转账吗
      可以用信用卡付吗
      付款方式有哪些
    `),
    refund: lines(`
      你们的退款政策是怎样的
      什么情况下可以退款
      我想申请退款
      麻烦给我退款
      把钱退给我
      退款怎么还没到
      我的退款到哪了
      退款进度怎么查
      钱什么时候退回来
    `),
    contact: lines(`
      怎么联系你们客服
      客服电话是多少
      有客服邮箱吗
      怎样联系到你们
    `),
    ship: lines(`
      有哪些配送方式
      可以发顺丰吗
      有当日达吗
      能选快递吗
    `),
    time: lines(`
      一般几天能收到
      发货后多久到
      今天下单什么时候到
      送到北京要几天
    `),
    howto: lines(`
      怎么购买
      我不会下单，怎么买
      下单流程是什么
      在哪里下单
      可以直接在这里买吗
    `),
    return: lines(`
      不合适可以退吗
    `),
    exchange: lines(`
      可以换颜色吗
    `),
    hours: lines(`
      你们几点下班
    `),
    store: lines(`
      门店在哪
    `),
    warranty: lines(`
      手表保修多久
    `),
    gift: lines(`
      可以帮忙包装成礼物吗
    `),
    fit: lines(`
      我穿多大码合适
    `),
  },
  complaint: lines(`
    付款失败了但是钱扣了
    付不了款，一直报错
    被扣了两次钱
    支付有问题
    我要投诉你们
    我要投诉这个订单
    对你们的服务很不满意
    东西到了就是坏的
    发错了颜色
    少发了一件
    等了两个星期还没到，太过分了
    客服一直不回复
    快递员态度很差
    质量很差，跟图片不一样
    用了一天就坏了
  `),
  order_status: lines(`
    帮我查一下订单12345的状态
    我的包裹到哪里了
    麻烦查下物流
    订单发出了吗
    快递单号给我一下
    我的货怎么还没到
    什么时候能发货
    物流怎么一直不更新
  `),
  human: lines(`
    我要跟客服说话
    帮我转人工客服
    能找个真人聊吗
    我想联系人工
    不要机器人，要人工
  `),
  add_to_cart: lines(`
    我要一件{product}
    给我来一个{product}
    {product}来两件
    帮我把{product}加到购物车
    我想买{product}
    买一个黑色的{product}
    要一件M码的
    要两双42码的
    就买这个了
    帮我下单{product}
  `),
  view_cart: lines(`
    购物车里都有啥
    我加了哪些东西
    看一下我的购物车
    购物车一共多少钱
  `),
  checkout: lines(`
    我要付款
    可以结账了
    帮我提交订单
    就这些了，付款吧
  `),
  cancel_order: lines(`
    我想取消订单12345
    麻烦帮我把订单取消了
    下错单了能取消吗
    不想要了，怎么取消
  `),
};
